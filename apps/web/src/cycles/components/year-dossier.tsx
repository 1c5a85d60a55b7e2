import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { downloadFile } from '../../ui/download';
import { EVENT_LOG_READERS } from './record-history-link';
import { useBusyAction } from '../../ui/submission';

/**
 * The year's dossier (hồ sơ) as one ZIP, for the archivist and the certification body's auditor
 * (docs/dossier.md): every registered version as issued, the evidence by record, the event log and
 * an index with each file's SHA-256. While the year runs it is a draft (named `-DU-THAO`), which the
 * line above the button says, as it says which signed papers it holds no scan of. Shown only to
 * those the API gives it to.
 */
export function YearDossier({
  cycleId,
  final,
  unscanned,
  mayAddSignedCopy,
}: {
  cycleId: string;
  final: boolean | undefined;
  /** The papers the leader signed whose scan is not on record, named as the page's rows name them. */
  unscanned: string[];
  /** Whether this person may add a scan on the document's row (the year runs). */
  mayAddSignedCopy: boolean;
}) {
  const { t } = useTranslation('cycles');
  const { user } = useSession();
  const { busy, error, run } = useBusyAction();
  // The API gives the dossier to those who read the cycle's event log, which it holds whole.
  if (!hasRole(user, ...EVENT_LOG_READERS)) return null;

  const problem = error instanceof ApiProblem ? error : undefined;
  const refusal =
    error === null
      ? null
      : problem?.status === 403
        ? t('dossier.forbidden')
        : (problem?.message ?? t('errors.network'));
  const fetchDossier = () =>
    run(() =>
      downloadFile(
        `/api/v1/cycles/${encodeURIComponent(cycleId)}/dossier`,
        'application/zip',
        `HO-SO-ISO-${cycleId}.zip`,
      ),
    );

  return (
    <section className="card" aria-labelledby="year-dossier">
      <h2 id="year-dossier">{t('dossier.title')}</h2>
      <p className="muted" id="year-dossier-lead">
        {t('dossier.lead')}
      </p>
      {final !== undefined && <p>{t(final ? 'dossier.final' : 'dossier.running')}</p>}
      {unscanned.length > 0 && (
        // As GHI-CHU.txt says it: what the archive lacks, and, while it can, where to add it.
        <p className="dossier-unscanned">
          {t('dossier.unscanned', { documents: unscanned.join('; ') })}
          {mayAddSignedCopy && ` ${t('dossier.unscannedAdd')}`}
        </p>
      )}
      <div className="actions">
        {/* Not `disabled` while it downloads: that would drop the keyboard's focus (a second click is ignored). */}
        <button
          type="button"
          className="button"
          aria-describedby="year-dossier-lead"
          aria-disabled={busy || undefined}
          onClick={() => void fetchDossier()}
        >
          {busy ? t('dossier.downloading') : t('dossier.download')}
        </button>
      </div>
      {refusal && (
        <p className="field-error" role="status">
          {refusal}
        </p>
      )}
    </section>
  );
}
