import { useId, type ReactNode } from 'react';
import type { FieldProblem } from '../api/client';

/**
 * A labelled form field with its hint and the API's refusal of it right beside it. `children` gets
 * the control's id and the ids of the texts that describe it (aria-describedby).
 */
export function Field({
  label,
  hint,
  problems = [],
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  problems?: FieldProblem[];
  children: (control: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problems.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: problems.length > 0 })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} problems={problems} />
    </div>
  );
}

/**
 * Why a field, or a group of them, was refused, written by it. Not a live region (WCAG 4.1.3): its
 * control names it (aria-describedby), and the form says a refusal once — focus on the first refused
 * field (focusOutcome) or its one summary — since several alerts at once are read in no set order,
 * each repeating the others.
 */
export function FieldError({ id, problems }: { id?: string; problems: readonly { reason: string }[] }) {
  if (problems.length === 0) return null;
  return (
    <p className="field-error" id={id}>
      {problems.map((problem, index) => (
        // One line each (two files refused read as two), the space kept for what a screen reader says.
        <span key={index} className="field-error-line">
          {index > 0 && ' '}
          {problem.reason}
        </span>
      ))}
    </p>
  );
}

/** A text of up to `maxLength` characters in a labelled field, with its hint and the API's refusal. */
export function TextAreaField({
  label,
  hint,
  problems,
  value,
  disabled,
  maxLength,
  onChange,
}: {
  label: ReactNode;
  hint?: ReactNode;
  problems?: FieldProblem[];
  value: string;
  disabled: boolean;
  maxLength: number;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} hint={hint} problems={problems}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          maxLength={maxLength}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * The reason a person gives for an act that is recorded with it (cancelling a cycle, moving its
 * dates, reassigning a task): a text of up to 500 characters, as the API takes it.
 */
export const ReasonField = (props: Omit<Parameters<typeof TextAreaField>[0], 'maxLength'>) => (
  <TextAreaField {...props} maxLength={500} />
);
