import { forwardRef, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../ui/field';
import { LanguageSwitch } from './language-switch';

/**
 * The frame of the pages one reaches without a session (signing in, a forgotten password, the
 * e-mailed links): a card in the middle of the page, its heading beside the language switch. A card
 * that is itself the message (a refused link) is an alert named by its heading. The ref is the
 * card's, where a form's outcome takes the focus (ui/focus.ts).
 */
export const SignInCard = forwardRef<
  HTMLDivElement,
  { title: string; alert?: boolean; className?: string; children: ReactNode }
>(function SignInCard({ title, alert = false, className, children }, ref) {
  const headingId = useId();
  return (
    <main className="sign-in" id="main">
      <div
        className={className ? `sign-in-card ${className}` : 'sign-in-card'}
        ref={ref}
        {...(alert ? { role: 'alert', 'aria-labelledby': headingId } : {})}
      >
        <div className="sign-in-head">
          <h1 id={headingId}>{title}</h1>
          <LanguageSwitch />
        </div>
        {children}
      </div>
    </main>
  );
});

/** The account's e-mail, as the browser's password manager knows it (`username`). */
export function EmailField({ value, onChange }: { value: string; onChange(value: string): void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('signIn.email')}>
      {({ id }) => (
        <input
          id={id}
          type="email"
          autoComplete="username"
          required
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
