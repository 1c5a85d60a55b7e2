import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDay } from './dates';

type AuditorCertificate = components['schemas']['AuditorCertificateView'];

/**
 * An internal-auditor certificate in words, the same on every page that names it (the directory,
 * the audit plan's form, the audit page): as written on it, who issued it and on which day.
 */
export function useCertificateWords(): (held: AuditorCertificate) => string {
  const { t, i18n } = useTranslation('common');
  return (held) =>
    t('auditorCertificate.words', {
      certificate: held.certificate,
      issuer: held.issuedBy ?? t('auditorCertificate.noIssuer'),
      date: formatDay(held.issuedOn, i18n.language),
    });
}
