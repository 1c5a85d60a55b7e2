import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { useFormat } from '../../cycles/components/format';
import { plannedPhaseDates } from '../../cycles/components/phase-plan';
import { signedPapersOf, unscannedPapers } from '../../cycles/components/signed-papers';
import { useLoad } from '../../ui/page-state';
import { cycleText } from './format';
import { RehearsalMark } from './rehearsal-mark';

/**
 * The papers the leader signed whose scan the year's dossier still lacks (the decision, the review's
 * minutes), for whoever adds those scans (the văn thư, the Quality Representative), per year whose
 * management review has begun: the year's last stretch, before its close makes its records final
 * and a scan can no longer be added. Earlier in the year the documents page alone says it (not every
 * office scans its papers: a line here all year would be a standing nag). Each year links to its
 * documents page, where the scan is added; nothing when none lacks one, or for anyone else.
 */
export function PapersToScan() {
  const { t } = useTranslation('tasks');
  const { t: tc } = useTranslation('cycles');
  const format = useFormat();
  const { user } = useSession();
  const adds = hasRole(user, 'quality-representative', 'clerk');
  const { data } = useLoad(async () => {
    if (!adds) return [];
    const running = await ok(
      api.GET('/api/v1/cycles', { params: { query: { status: 'running', limit: 100 } } }),
    );
    const lastStretch = running.items.filter((c) => c.phase === 'management-review' || c.phase === 'closing');
    return Promise.all(
      lastStretch.map(async ({ id: cycleId, year, rehearsal }) => {
        const path = { params: { path: { cycleId } } };
        const [live, decision, review] = await Promise.all([
          // The close's day, when the year's workflow answers (else the line goes without it).
          ok(api.GET('/api/v1/cycles/{cycleId}', path)).then(
            (cycle) => cycle.live,
            () => null,
          ),
          // Unreadable or not recorded: nothing of it to scan.
          ok(api.GET('/api/v1/cycles/{cycleId}/decision', path)).catch(() => null),
          ok(api.GET('/api/v1/cycles/{cycleId}/review', path)).catch(() => null),
        ]);
        return {
          cycleId,
          rehearsal,
          papers: unscannedPapers(signedPapersOf(decision, review)),
          closes: live?.dates && plannedPhaseDates(year, live.scheduleShiftMs ?? 0, live.dates).closing.from,
        };
      }),
    );
  }, [adds]);
  const years = (data ?? []).filter((year) => year.papers.length > 0);
  if (years.length === 0) return null;
  return (
    <section className="notice papers-to-scan" aria-labelledby="papers-to-scan">
      <h2 id="papers-to-scan">{t('inbox.toScan.title')}</h2>
      <p>{t('inbox.toScan.lead')}</p>
      <ul>
        {years
          .sort((a, b) => b.cycleId.localeCompare(a.cycleId))
          .map(({ cycleId, rehearsal, papers, closes }) => (
            <li key={cycleId}>
              <Link to={`/cycles/${encodeURIComponent(cycleId)}/documents`}>
                {t('inbox.toScan.year', {
                  cycle: cycleText(cycleId, t),
                  documents: papers.map((type) => tc(`documents.type.${type}`)).join('; '),
                })}
              </Link>
              {closes && ` ${t('inbox.toScan.closes', { date: format.date(closes.toISOString()) })}`}
              {rehearsal && <RehearsalMark />}
            </li>
          ))}
      </ul>
    </section>
  );
}
