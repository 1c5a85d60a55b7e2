import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceLink, evidenceIdOf } from '../../ui/evidence';

/**
 * The scans of the printed draft the leader wrote their comments on, as their return named them
 * (the page's EvidenceNamesProvider knows the names): read beside the comments, where they were
 * written.
 */
export function AnnotatedDraftScans({ evidence }: { evidence?: readonly string[] }) {
  const { t } = useTranslation('tasks');
  const scans = (evidence ?? []).filter((reference) => evidenceIdOf(reference));
  if (scans.length === 0) return null;
  return (
    <p className="small">
      {t('approval.annotatedDraft')}:{' '}
      {scans.map((reference, index) => (
        <Fragment key={reference}>
          {index > 0 && ', '}
          <EvidenceLink reference={reference} />
        </Fragment>
      ))}
    </p>
  );
}
