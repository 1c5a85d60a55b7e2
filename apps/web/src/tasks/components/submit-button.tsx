import { useTranslation } from 'react-i18next';

/** The form's send button: disabled while the answer is on its way, so a second click does nothing. */
export function SubmitButton({
  busy,
  label,
  danger = false,
}: {
  busy: boolean;
  label: string;
  danger?: boolean;
}) {
  const { t } = useTranslation('tasks');
  return (
    <button
      type="submit"
      className={`button ${danger ? 'button-danger' : 'button-primary'}`}
      disabled={busy}
      aria-disabled={busy}
    >
      {busy ? t('form.sending') : label}
    </button>
  );
}
