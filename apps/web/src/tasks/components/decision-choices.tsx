import type { FormEvent, ReactNode } from 'react';
import { FieldError } from '../../ui/field';
import { AnswerText } from './form-fields';
import type { ProblemBook } from './problem-book';
import { SubmitButton } from './submit-button';

/**
 * A decision between going ahead (approve, open) and sending the task back (return, decline): each
 * choice is a form of its own with its title, so a person fills in only what their choice needs.
 * A refusal of `decision` itself is shown above both.
 */
export function DecisionChoices({
  problems,
  children,
}: {
  problems: ProblemBook;
  /** The forward choice's `ChoiceForm`, then the `GiveBackChoice`. */
  children: ReactNode;
}) {
  return (
    <>
      <FieldError problems={problems.exact('decision')} />
      <div className="approval-actions">{children}</div>
    </>
  );
}

/** One titled choice: its own fields, then its button. */
export function ChoiceForm({
  id,
  title,
  tone,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  tone: 'approve' | 'return';
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form className={`approval-choice approval-${tone}`} onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </form>
  );
}

/** Sending back: one required text (the comments, the reason) and the button, in the danger tone. */
export function GiveBackChoice({
  id,
  title,
  label,
  hint,
  path,
  problems,
  value,
  onChange,
  busy,
  submitLabel,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  label: string;
  hint?: string;
  path: string;
  problems: ProblemBook;
  value: string;
  onChange: (value: string) => void;
  busy: boolean;
  submitLabel: string;
  onSubmit: (event: FormEvent) => void;
  /** What the answer may carry besides the reason (the scan of the draft written on). */
  children?: ReactNode;
}) {
  return (
    <ChoiceForm id={id} title={title} tone="return" onSubmit={onSubmit}>
      <AnswerText
        label={label}
        hint={hint}
        path={path}
        problems={problems}
        value={value}
        onChange={onChange}
        multiline
        required
      />
      {children}
      <SubmitButton busy={busy} label={submitLabel} danger />
    </ChoiceForm>
  );
}
