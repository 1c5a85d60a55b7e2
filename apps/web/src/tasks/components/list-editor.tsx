import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../api/client';
import { Field, FieldError } from '../../ui/field';

/**
 * A list of short texts (evidence references, criteria, improvement opportunities): one input per
 * item, add and remove buttons. `problemsAt(i)` gives each item's problems, `problems` the list's.
 */
export function ListEditor({
  legend,
  itemLabel,
  hint,
  values,
  onChange,
  problems = [],
  problemsAt,
  multiline = false,
  addLabel,
  children,
}: {
  legend: string;
  itemLabel: (index: number) => string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  problems?: FieldProblem[];
  problemsAt?: (index: number) => FieldProblem[];
  multiline?: boolean;
  addLabel?: string;
  /** More of the same list below the texts (the evidence files). */
  children?: ReactNode;
}) {
  const { t } = useTranslation('tasks');
  const set = (index: number, value: string) => onChange(values.map((v, i) => (i === index ? value : v)));
  // A removed item takes its button with it: focus goes on to "add" instead of to the page's top.
  const add = useRef<HTMLButtonElement>(null);
  const errorId = `${useId()}-error`;
  const remove = (index: number) => {
    onChange(values.filter((_, i) => i !== index));
    requestAnimationFrame(() => add.current?.focus());
  };
  return (
    <fieldset className="task-fieldset list-editor" aria-describedby={problems.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      <FieldError id={errorId} problems={problems} />
      {values.map((value, index) => (
        <div className="list-editor-row" key={index}>
          <Field label={itemLabel(index)} problems={problemsAt?.(index)}>
            {({ id, describedBy, invalid }) =>
              multiline ? (
                <textarea
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={value}
                  onChange={(e) => set(index, e.target.value)}
                />
              ) : (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={value}
                  onChange={(e) => set(index, e.target.value)}
                />
              )
            }
          </Field>
          <button
            type="button"
            className="button button-quiet list-editor-remove"
            onClick={() => remove(index)}
          >
            {t('list.remove')}
            <span className="visually-hidden"> {itemLabel(index)}</span>
          </button>
        </div>
      ))}
      <button ref={add} type="button" className="button" onClick={() => onChange([...values, ''])}>
        {addLabel ?? t('list.add')}
      </button>
      {children}
    </fieldset>
  );
}

/** The non-blank items of a list, trimmed (what is sent). */
export const filled = (values: string[]) => values.map((v) => v.trim()).filter((v) => v !== '');
