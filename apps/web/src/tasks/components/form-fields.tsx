import type { FieldProblem } from '../../api/client';
import { DateInput } from '../../ui/date-input';
import { Field } from '../../ui/field';
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
}: {
  label: string;
  hint?: string;
  path: string;
  problems: ProblemBook;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  type?: 'date';
  min?: string;
  max?: string;
}) {
  return (
    <Field label={label} hint={hint} problems={problems.at(path)}>
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
