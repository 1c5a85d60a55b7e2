import { useTranslation } from 'react-i18next';
import { EvidenceList } from './page-parts';

/** What a corrective action's last round says (the API's audit view and nonconformity list alike). */
export interface CorrectiveActionAnswers {
  correction: string | null;
  rootCause: string | null;
  action: string | null;
  /** What the plan rests on: uploaded files (`evidence:<id>`) and paper records. */
  evidence: string[];
  effective: boolean | null;
  verificationNotes: string | null;
  /** What the verifier checked: uploaded files and records by name. */
  verificationEvidence: string[];
}

/**
 * A corrective action as its people answered it (ISO 10.2): the unit head's plan, what it rests on
 * (each uploaded file by name, to download: the page's EvidenceNamesProvider knows the names), and
 * the verifier's conclusion with their notes, so that whoever reads the nonconformity sees how it
 * was dealt with without opening the form. Before the plan, says it has none yet.
 */
export function CorrectiveActionRecord({
  answers,
  owner,
  due,
}: {
  answers: CorrectiveActionAnswers;
  /** Who carries it out and by when, as the page names them (where no column of its own does). */
  owner?: string;
  due?: string;
}) {
  const { t } = useTranslation('cycles');
  const planned = answers.correction || answers.rootCause || answers.action;
  if (!planned) return <span className="muted">{t('audit.notPlannedYet')}</span>;
  return (
    <dl className="compact">
      <dt>{t('audit.correction')}</dt>
      <dd>{answers.correction ?? '—'}</dd>
      <dt>{t('audit.rootCause')}</dt>
      <dd>{answers.rootCause ?? '—'}</dd>
      <dt>{t('audit.action')}</dt>
      <dd>{answers.action ?? '—'}</dd>
      {owner && (
        <>
          <dt>{t('audit.owner')}</dt>
          <dd>{owner}</dd>
        </>
      )}
      {due && (
        <>
          <dt>{t('audit.due')}</dt>
          <dd>{due}</dd>
        </>
      )}
      {answers.evidence.length > 0 && (
        <>
          <dt>{t('audit.actionEvidence')}</dt>
          <dd>
            <EvidenceList items={answers.evidence} />
          </dd>
        </>
      )}
      {answers.effective !== null && (
        <>
          <dt>{t('audit.verification')}</dt>
          <dd>
            {answers.effective ? t('audit.effective') : t('audit.notEffective')}
            {answers.verificationNotes && (
              <span className="readable-text">: {answers.verificationNotes}</span>
            )}
          </dd>
        </>
      )}
      {answers.effective !== null && answers.verificationEvidence.length > 0 && (
        <>
          <dt>{t('audit.verificationEvidence')}</dt>
          <dd>
            <EvidenceList items={answers.verificationEvidence} />
          </dd>
        </>
      )}
    </dl>
  );
}
