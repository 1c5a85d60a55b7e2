import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ok } from '../../api/client';
import { hasRole, useSession } from '../../auth/session';
import { ErrorNotice } from '../../ui/page-state';
import type { Schemas } from './format';
import { useSubmission } from '../../ui/submission';
import { useDraft } from '../../ui/draft';
import { numbered } from '../../tasks/components/objectives-editor';
import { ProblemBook } from '../../tasks/components/problem-book';
import { RosterPreview } from './roster-preview';
import {
  draftRefusedIn,
  draftToEdit,
  objectivesEdited,
  StartObjectives,
  wordingEdited,
  type StartDraftEdit,
} from './start-objectives';

type NextYearDraft = Schemas['NextYearDraftView'];

/**
 * The Quality Representative starts next year in one action: on a closed cycle from the draft the
 * close prepared (this year's approved objectives, the review's actions carried into next year's
 * review), and in the year's last phases from its approved decision, so next year's objectives can
 * be approved in December while this year runs to its close in January. Its objectives may be
 * edited first (targets raised, an objective added), and the decision's other words (a legal basis
 * replaced since, a recipient), so the leader approves next year's, not this year's to return.
 * Shown once the draft exists; a refusal (409 already started) is shown as the API says it, the
 * draft's problems beside their fields.
 */
export function StartNextYear({
  cycleId,
  year,
  rehearsal,
}: {
  cycleId: string;
  year: number;
  /** A rehearsal's next year is a rehearsal too. */
  rehearsal: boolean;
}) {
  const { t } = useTranslation('cycles');
  const navigate = useNavigate();
  const { user } = useSession();
  const [draft, setDraft] = useState<NextYearDraft | null>(null);
  // Read when opened: the dashboard is read far more often than next year is started.
  const [showRoster, setShowRoster] = useState(false);
  const section = useRef<HTMLElement>(null);
  const { busy, problem, send } = useSubmission(section, t('errors.network'));
  // Next year's objectives being edited, kept in the tab like a task's form.
  const [editing, setEditing] = useDraft<StartDraftEdit | null>(`next-year:${cycleId}`, 'objectives', null);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const book = new ProblemBook(problem, edited, (path) => setEdited((known) => new Set(known).add(path)));

  useEffect(() => {
    let live = true;
    ok(api.GET('/api/v1/cycles/{cycleId}/next-year', { params: { path: { cycleId } } }))
      .then((found) => live && setDraft(found))
      // No draft (a cycle closed before drafts were prepared): nothing to offer.
      .catch(() => live && setDraft(null));
    return () => {
      live = false;
    };
  }, [cycleId]);

  if (!draft) return null;
  const carried = draft.previousActions.filter((a) => a.status !== 'done').length;

  const start = () =>
    send(async () => {
      setEdited(new Set());
      const started = await ok(
        api.POST('/api/v1/cycles/{cycleId}/next-year', {
          params: { path: { cycleId } },
          body: {
            rehearsal,
            ...(editing && objectivesEdited(editing)
              ? { objectives: numbered(editing.objectives) as unknown as Record<string, unknown>[] }
              : {}),
            // The decision's scope, legal bases, recipients and the Quality Representative's title.
            ...(editing && wordingEdited(editing) ? editing.wording : {}),
          },
        }),
      );
      setEditing(null);
      navigate(`/cycles/${encodeURIComponent(started.id)}`);
    });
  const draftRefused = editing !== null && draftRefusedIn(book);

  return (
    <section ref={section} className="card next-year" aria-labelledby="next-year-heading">
      <h2 id="next-year-heading">{t('nextYear.title', { year: year + 1 })}</h2>
      <p className="muted">
        {draft.final
          ? t('nextYear.lead', { count: draft.previousActions.length, carried })
          : t('nextYear.leadBeforeClose', { year: year + 1, count: objectiveCount(draft) })}
      </p>
      {draft.startedAt ? (
        <p role="status">
          {t('nextYear.started', { year: year + 1 })}{' '}
          <Link to={`/cycles/${encodeURIComponent(draft.nextCycleId)}`}>
            {t('nextYear.open', { year: year + 1 })}
          </Link>
        </p>
      ) : (
        <>
          {/* Next year takes its roster from the directory as it is when started: who gets what. */}
          <StartObjectives
            hint={t('nextYear.objectivesHint', { year: year + 1 })}
            read={async () => draftToEdit(cycleId, draft)}
            editing={editing}
            onEditing={setEditing}
            problems={book}
            wordingHint={t('nextYear.wordingHint', { year })}
          />
          {hasRole(user, 'quality-representative') && (
            <details onToggle={(event) => setShowRoster(event.currentTarget.open)}>
              <summary>{t('roster.show')}</summary>
              {showRoster && <RosterPreview />}
            </details>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void start()}
          >
            {t('nextYear.start', { year: year + 1 })}
          </button>
        </>
      )}
      {problem !== null &&
        (draftRefused ? (
          <div className="notice notice-error" role="alert">
            {t('start.objectives.refused', { year: year + 1 })}
          </div>
        ) : (
          <ErrorNotice error={problem} />
        ))}
    </section>
  );
}

/** The draft's objectives (a CycleDraft, typed loosely by the API). */
function objectiveCount(draft: NextYearDraft): number {
  const objectives = (draft.draft as { objectives?: unknown[] }).objectives;
  return Array.isArray(objectives) ? objectives.length : 0;
}
