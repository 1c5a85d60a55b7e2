import { useTranslation } from 'react-i18next';
import { statusTone } from './format';

/** A status in words, with its colour (never colour alone). `group` picks the catalogue: status, auditResult, actionStatus… */
export function StatusBadge({
  status,
  group = 'status',
}: {
  status: string | null | undefined;
  group?: string;
}) {
  const { t } = useTranslation('cycles');
  const key = status ?? 'none';
  return (
    <span className={`status ${statusTone(status)}`} data-status={key}>
      {t(`${group}.${key}`, { defaultValue: key })}
    </span>
  );
}
