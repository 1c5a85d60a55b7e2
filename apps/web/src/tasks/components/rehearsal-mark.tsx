import { useTranslation } from 'react-i18next';

/**
 * "Diễn tập" beside a task or a year of a rehearsal: practice, not the real year. A space before it,
 * so that a line reads "… năm 2024 Diễn tập", not run together.
 */
export function RehearsalMark() {
  const { t } = useTranslation('tasks');
  return (
    <>
      {' '}
      <span className="status status-warn rehearsal-mark">{t('inbox.rehearsal')}</span>
    </>
  );
}
