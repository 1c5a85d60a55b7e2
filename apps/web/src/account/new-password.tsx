import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../api/client';
import { Field } from '../ui/field';

/** The API's rule (apps/api/src/auth/dto/new-password.ts), said before sending. */
export const MIN_PASSWORD_LENGTH = 12;
/** bcrypt reads no more than 72 bytes: more is refused, not cut. */
export const MAX_PASSWORD_BYTES = 72;

export interface NewPasswordDraft {
  password: string;
  repeat: string;
}

/** What is wrong with a new password as typed, twice; undefined when it may be sent. */
export function newPasswordProblem({
  password,
  repeat,
}: NewPasswordDraft): 'short' | 'long' | 'mismatch' | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'short';
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) return 'long';
  if (password !== repeat) return 'mismatch';
  return undefined;
}

/**
 * The new password, typed twice (nobody sees what they type, so a slip would lock them out), with
 * the rule as its hint and what is wrong beside the field it concerns. The browser's password manager
 * offers to make one up (`autoComplete="new-password"`).
 */
export function NewPasswordFields({
  draft,
  onChange,
  problem,
}: {
  draft: NewPasswordDraft;
  onChange(draft: NewPasswordDraft): void;
  /** Shown once the person tried to send. */
  problem: ReturnType<typeof newPasswordProblem>;
}) {
  const { t } = useTranslation();
  const at = (name: keyof NewPasswordDraft): FieldProblem[] =>
    problem && (problem === 'mismatch') === (name === 'repeat')
      ? [
          {
            path: name,
            reason: t(`password.${problem}`, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_BYTES }),
          },
        ]
      : [];
  const field = (name: keyof NewPasswordDraft, label: string, hint?: string) => (
    <Field label={label} hint={hint} problems={at(name)}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={describedBy}
          aria-invalid={invalid}
          value={draft[name]}
          onChange={(e) => onChange({ ...draft, [name]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <>
      {field('password', t('password.new'), t('password.newHint', { min: MIN_PASSWORD_LENGTH }))}
      {field('repeat', t('password.repeat'))}
    </>
  );
}
