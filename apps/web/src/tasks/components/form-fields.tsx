import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../../api/client';
import { DateInput } from '../../ui/date-input';
import { Field, FieldError } from '../../ui/field';
import { CellControl } from './cell-control';
import type { ProblemBook } from './problem-book';

/**
 * A labelled text of a task's answer at `path`: its problems from the API's refusal beside it, and
 * cleared as soon as the user changes it. One line, or several (`multiline`).
 */
export function AnswerText({
  label,
  hint,
  path,
  problems,
  value,
  onChange,
  multiline = false,
  required = false,
  type,
  min,
  max,
  shown = (found) => found,
}: {
  label: string;
  hint?: string;
  path: string;
  problems: ProblemBook;
  /** Which of the field's problems it says (all by default): one text standing for two. */
  shown?: (found: FieldProblem[]) => FieldProblem[];
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  type?: 'date';
  min?: string;
  max?: string;
}) {
  return (
    <Field label={label} hint={hint} problems={shown(problems.at(path))}>
      {({ id, describedBy, invalid }) => {
        const props = {
          id,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          'aria-required': required ? ('true' as const) : undefined,
          value,
        };
        const take = (text: string) => {
          onChange(text);
          problems.edit(path);
        };
        if (type === 'date') return <DateInput min={min} max={max} {...props} onChange={take} />;
        const onTyped = (e: { target: { value: string } }) => take(e.target.value);
        return multiline ? (
          <textarea {...props} onChange={onTyped} />
        ) : (
          <input {...props} onChange={onTyped} />
        );
      }}
    </Field>
  );
}

/**
 * One answer chosen among a few, as radio buttons under their legend (a step's result; yes or no):
 * its problems beside it in words. The caller clears them as it takes the choice.
 */
export function ChoiceGroup<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  problems,
  children,
}: {
  name: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  /** The choice made, or '' before any. */
  value: V | '';
  onChange: (value: V) => void;
  problems: FieldProblem[];
  /** What the choice rests on, under the legend (an indicator's criteria). */
  children?: ReactNode;
}) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset
      className={`task-fieldset radio-group${problems.length ? ' field-invalid' : ''}`}
      aria-describedby={problems.length ? errorId : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {options.map((option) => (
        <label key={option.value} className="radio">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            aria-invalid={problems.length > 0 || undefined}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
      <FieldError id={errorId} problems={problems} />
    </fieldset>
  );
}

/** The two choices of a yes/no question for a {@link ChoiceGroup}, in the form's words. */
export const yesNoChoices = (yes: string, no: string) =>
  [
    { value: 'yes', label: yes },
    { value: 'no', label: no },
  ] as const;

/** A one-line input in a table cell (its column header is seen, its label spoken). */
export function CellText({
  label,
  problems,
  value,
  onChange,
  className,
  placeholder,
}: {
  label: string;
  problems: FieldProblem[];
  value: string;
  onChange: (value: string) => void;
  className?: string;
  placeholder?: string;
}) {
  return (
    <CellControl hideLabel label={label} problems={problems}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          className={className}
          placeholder={placeholder}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </CellControl>
  );
}
