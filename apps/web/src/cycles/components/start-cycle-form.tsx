import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiProblem, ok } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../ui/field';
import { useLoad } from '../../ui/page-state';
import { vietnamToday } from '../../ui/dates';
import { type Schemas } from './format';
import { DateInput } from '../../ui/date-input';
import { RosterPreview } from './roster-preview';
import { useSubmission } from '../../ui/submission';
import { useDraft } from '../../ui/draft';
import { isAtOrUnder, ProblemBook } from '../../tasks/components/problem-book';
import {
  DRAFT_PATHS,
  draftEdited,
  draftRefusedIn,
  editedDraft,
  StartObjectives,
  templateDraftToEdit,
  type StartDraftEdit,
} from './start-objectives';

type StartCycle = Schemas['StartCycleDto'];

/**
 * The year the form proposes: this year (Vietnam time), or next year from October, when an office
 * prepares next year's objectives for the leader to approve in December and this year's real cycle
 * could no longer start (its internal audit, October by default, would be over or under way).
 */
const proposedYear = () => {
  const [year, month] = vietnamToday().split('-').map(Number);
  return month >= 10 ? year + 1 : year;
};

/**
 * The Quality Representative starts the organisation's cycle for a year, from a template — its
 * objectives as they are, or edited first — maybe as a rehearsal.
 */
export function StartCycleForm() {
  const { t, i18n } = useTranslation('cycles');
  const { user } = useSession();
  const navigate = useNavigate();
  const templates = useLoad(() => ok(api.GET('/api/v1/templates')), []);
  // Who may sign: the organisation's active leaders (GET /people); none chosen = the API decides.
  const people = useLoad(() => ok(api.GET('/api/v1/people')), []);
  const leaders = people.data?.filter((person) => person.active && person.roles.includes('leader')) ?? [];
  const [templateId, setTemplateId] = useState('');
  // The template's objectives being edited for the year (kept in the tab like a task's form): while
  // they are, the template and the year are theirs.
  const [editing, setEditing] = useDraft<StartDraftEdit | null>('start-cycle', 'objectives', null);
  // Fields changed since the API refused them: their refusal no longer shows.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [signerUserId, setSignerUserId] = useState('');
  const [signingMode, setSigningMode] = useState<'' | NonNullable<StartCycle['signingMode']>>('');
  const [year, setYear] = useState(String(proposedYear()));
  const [rehearsal, setRehearsal] = useState(false);
  // A rehearsal may begin later in its year (e.g. 1 October to train the audit); empty = 1 January.
  const [rehearsalFrom, setRehearsalFrom] = useState('');
  const section = useRef<HTMLElement>(null);
  const { busy, problem, setProblem, submit } = useSubmission(section, t('errors.network'));
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const chosenTemplate = editing?.source ?? (templateId || templates.data?.[0]?.id || '');
  const chosenYear = editing ? String(editing.year) : year;
  const book = new ProblemBook(problem, edited, (path) => setEdited((known) => new Set(known).add(path)));

  /** The year typed, or the refusal the year field shows. */
  const validYear = (): number => {
    const yearNumber = Number(chosenYear);
    if (!/^\d{4}$/.test(chosenYear) || yearNumber < 2000 || yearNumber > 2100)
      throw new ApiProblem(
        400,
        'VALIDATION',
        '',
        [{ path: 'year', reason: t('start.yearInvalid') }],
        undefined,
      );
    return yearNumber;
  };

  const send = submit(async () => {
    if (!user) return;
    setEdited(new Set());
    const yearNumber = validYear();
    const cycle = await ok(
      api.POST('/api/v1/cycles', {
        body: {
          organisationCode: user.organisationCode,
          year: yearNumber,
          // The API lists its template ids (GET /templates); without the list, its default one.
          templateId: (chosenTemplate || 'kontum-2024') as StartCycle['templateId'],
          // The objectives as edited, in the template's draft for the year (the template then ignored).
          ...(editing && draftEdited(editing) ? { draft: editedDraft(editing) } : {}),
          rehearsal,
          ...(rehearsal && rehearsalFrom ? { rehearsalFrom } : {}),
          ...(signerUserId ? { signerUserId } : {}),
          ...(signingMode ? { signingMode } : {}),
        },
      }),
    );
    setEditing(null);
    navigate(`/cycles/${encodeURIComponent(cycle.id)}`);
  });

  // The draft's own fields, while it is edited: the editors show their problems beside each.
  const draftFields = editing ? DRAFT_PATHS : [];
  const fieldPaths = [
    'year',
    'templateId',
    'rehearsal',
    'rehearsalFrom',
    'signerUserId',
    'signingMode',
    ...draftFields,
  ];
  const otherProblems =
    problem?.problems.filter((p) => !fieldPaths.some((field) => isAtOrUnder(p.path, field))) ?? [];
  const draftRefused = editing !== null && draftRefusedIn(book);
  const byRule = problem?.code === 'RULE_VIOLATED';
  // A real year refused for its calendar's dates: they are changed on the working calendar's page.
  const calendarDates = otherProblems.some(
    (p) => p.path === 'auditWindow' || p.path === 'managementReviewDate',
  );
  const existingId =
    problem?.status === 409
      ? String((problem.details?.cycleId as string | undefined) ?? `${user?.organisationCode}-${chosenYear}`)
      : null;

  return (
    <section ref={section} className="card start-cycle" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('start.title')}</h2>
      <form onSubmit={send} noValidate>
        <div className="form-grid">
          <Field
            label={t('start.template')}
            hint={editing ? t('start.objectives.locked') : undefined}
            problems={problem?.at('templateId') ?? []}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={chosenTemplate}
                onChange={(event) => setTemplateId(event.target.value)}
                disabled={!templates.data || editing !== null}
              >
                {!templates.data && (
                  <option value="">{templates.error ? t('start.noTemplates') : t('loading')}</option>
                )}
                {templates.data?.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.title[language]} ({t('start.objectivesCount', { count: template.objectives })})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('start.year')} hint={t('start.yearHint')} problems={problem?.at('year') ?? []}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                type="number"
                inputMode="numeric"
                min={2000}
                max={2100}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={chosenYear}
                onChange={(event) => setYear(event.target.value)}
                disabled={editing !== null}
              />
            )}
          </Field>
          <Field
            label={t('start.signer')}
            hint={t('start.signerHint')}
            problems={problem?.at('signerUserId') ?? []}
          >
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={signerUserId}
                onChange={(event) => setSignerUserId(event.target.value)}
              >
                <option value="">{t('start.signerFromDraft')}</option>
                {leaders.map((leader) => (
                  <option key={leader.userId} value={leader.userId}>
                    {leader.title ? `${leader.fullName} — ${leader.title}` : leader.fullName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('start.signingMode')} problems={problem?.at('signingMode') ?? []}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={signingMode}
                onChange={(event) => setSigningMode(event.target.value as typeof signingMode)}
              >
                <option value="">{t('start.signingModeFromDraft')}</option>
                <option value="TM.">{t('start.signingModeTM')}</option>
                <option value="KT.">{t('start.signingModeKT')}</option>
              </select>
            )}
          </Field>
        </div>
        <div className="checkbox-field">
          <input
            id="start-rehearsal"
            type="checkbox"
            checked={rehearsal}
            onChange={(event) => setRehearsal(event.target.checked)}
            aria-describedby="start-rehearsal-hint"
          />
          <label htmlFor="start-rehearsal">{t('start.rehearsal')}</label>
          <p id="start-rehearsal-hint" className="field-hint">
            {t('start.rehearsalHint')}
          </p>
        </div>
        {rehearsal && (
          <Field
            label={t('start.rehearsalFrom')}
            hint={t('start.rehearsalFromHint')}
            // The API says it in English ("rehearsalFrom must be a date of 2025"); the field shows
            // only while rehearsing, so a refusal can only mean a day outside the year.
            problems={(problem?.at('rehearsalFrom') ?? []).map((refused) => ({
              ...refused,
              reason: t('start.rehearsalFromOutside', { year: chosenYear }),
            }))}
          >
            {({ id, describedBy, invalid }) => (
              <DateInput
                id={id}
                min={`${chosenYear}-01-01`}
                max={`${chosenYear}-12-31`}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                value={rehearsalFrom}
                onChange={setRehearsalFrom}
              />
            )}
          </Field>
        )}
        <StartObjectives
          hint={t('start.objectives.hint')}
          read={async () => {
            setProblem(null);
            let yearNumber: number;
            try {
              yearNumber = validYear();
            } catch (refused) {
              // A year not valid is said beside its field, as a start would say it.
              setProblem(refused);
              return null;
            }
            return templateDraftToEdit(chosenTemplate || 'kontum-2024', yearNumber);
          }}
          editing={editing}
          onEditing={setEditing}
          problems={book}
          wordingHint={t('start.wording.hint')}
        />
        <RosterPreview />
        {problem && existingId && (
          <div className="notice notice-error" role="alert">
            {t('start.alreadyStarted', { year: chosenYear })}{' '}
            <Link to={`/cycles/${encodeURIComponent(existingId)}`}>
              {t('start.openExisting', { year: chosenYear })}
            </Link>
          </div>
        )}
        {draftRefused && (
          <div className="notice notice-error" role="alert">
            {t('start.objectives.refused', { year: chosenYear })}
          </div>
        )}
        {problem && !existingId && (problem.problems.length === 0 || otherProblems.length > 0) && (
          <div className="notice notice-error" role="alert">
            <p>
              {problem.code === 'ROSTER_INCOMPLETE'
                ? t('start.rosterIncomplete')
                : problem.status === 403
                  ? t('start.forbidden')
                  : byRule
                    ? t('start.refused', { year: chosenYear })
                    : problem.message || t('errors.network')}
            </p>
            {otherProblems.length > 0 && (
              <ul>
                {otherProblems.map((p, index) => (
                  <li key={index}>
                    {/* A rule's reason says what it is about; a field name helps only an API client. */}
                    {p.path && !byRule ? <code>{p.path}</code> : null} {p.reason}
                  </li>
                ))}
              </ul>
            )}
            {calendarDates && (
              <p>
                <Link to={`/calendar/${encodeURIComponent(chosenYear)}`}>
                  {t('start.openCalendar', { year: chosenYear })}
                </Link>
              </p>
            )}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('start.starting') : t('start.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
