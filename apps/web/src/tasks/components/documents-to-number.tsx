import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { everyPage } from '../../api/every-page';
import { hasRole, useSession } from '../../auth/session';
import { useLoad } from '../../ui/page-state';
import { cycleText } from './format';
import { RehearsalMark } from './rehearsal-mark';

/**
 * The văn thư's work that is no task of a cycle: the documents printed with a blank `Số:` line and
 * not numbered yet (docs/documents.md "Numbering on sending"), counted per year, each year a link to
 * its register showing only those (`GET /documents?awaitingNumber=true`: only those are read). For
 * whoever records those numbers (the văn thư, the Quality Representative); nothing when none waits,
 * or for anyone else.
 */
export function DocumentsToNumber() {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const numbers = hasRole(user, 'quality-representative', 'clerk');
  const { data } = useLoad(async () => {
    if (!numbers) return { awaiting: [], rehearsals: new Set<string>() };
    const [register, cycles] = await Promise.all([
      everyPage((window) =>
        ok(api.GET('/api/v1/documents', { params: { query: { ...window, awaitingNumber: 'true' } } })),
      ),
      // A rehearsal's documents are marked so, as its tasks are: practice, not a year's dispatch.
      api.GET('/api/v1/cycles', { params: { query: { limit: 100 } } }),
    ]);
    return {
      awaiting: register,
      rehearsals: new Set((cycles.data?.items ?? []).filter((c) => c.rehearsal).map((c) => c.id)),
    };
  }, [numbers]);
  const perYear = new Map<string, number>();
  for (const entry of data?.awaiting ?? []) perYear.set(entry.cycleId, (perYear.get(entry.cycleId) ?? 0) + 1);
  if (perYear.size === 0) return null;
  return (
    <section className="notice documents-to-number" aria-labelledby="documents-to-number">
      <h2 id="documents-to-number">{t('inbox.toNumber.title')}</h2>
      <p>{t('inbox.toNumber.lead')}</p>
      <ul>
        {[...perYear]
          .sort(([a], [b]) => b.localeCompare(a))
          .map(([cycleId, count]) => (
            <li key={cycleId}>
              <Link to={`/cycles/${encodeURIComponent(cycleId)}/documents?unnumbered`}>
                {t('inbox.toNumber.year', { cycle: cycleText(cycleId, t), count })}
              </Link>
              {data?.rehearsals.has(cycleId) && <RehearsalMark />}
            </li>
          ))}
      </ul>
    </section>
  );
}
