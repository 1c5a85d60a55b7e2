import { useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiProblem, ok } from '../api/client';
import { EvidenceLink, EvidenceNamesProvider } from '../ui/evidence';
import { RecordHistoryLink } from './components/record-history-link';
import { evidenceIdOf } from '../ui/evidence-api';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CycleNav } from './components/cycle-nav';
import { cycleYear } from './cycle-year';
import { FiguresTrend, ReviewYear } from './components/figures-trend';
import { UnitPerformanceTable } from './components/unit-performance';
import { useDirectoryNames, type DirectoryNames } from './components/directory-names';
import { targetInWords, useFormat, usePeriodLabel, type Format, type Schemas } from './components/format';
import { DataTable, EvidenceList, Fact, PendingNotice, ReadableList } from './components/page-parts';
import {
  figuresWithTrendOf,
  unitPerformanceOf,
  HIDDEN_REVIEW_KEYS,
  isDate,
  isMachineWord,
  isYear,
  referenceOf,
  type ReviewReference,
} from './components/review-input-words';
import { localized } from '../tasks/task-types';
import { useCycleObjectives } from '../tasks/components/use-cycle-objectives';
import { CycleObjectives } from '../tasks/components/readable-value';
import {
  LateReports,
  ObjectiveResults,
  objectiveResultsOf,
  saidByObjectiveResults,
} from './components/objective-results';
import { StatusBadge } from './components/status-badge';
import { usePageTitle } from '../ui/page-title';
import './cycles.css';

type Report = Schemas['CycleReportView'];
type Review = Schemas['ReviewView'];
/** The name of what an input's value refers to (ReviewReference), in the page's language. */
type Named = (reference: ReviewReference, value: string) => string;

async function optional<T>(call: Promise<T>): Promise<T | ApiProblem> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
}

/** The management review (ISO 9.3) and the year's report, readable here and printable. */
export default function CycleReviewPage() {
  const { cycleId = '' } = useParams();
  const { t, i18n } = useTranslation('cycles');
  usePageTitle(t('review.title', { year: cycleYear(cycleId) }));
  const format = useFormat();
  const names = useDirectoryNames();
  const objectives = useCycleObjectives(cycleId, true);
  // The inputs name objectives, indicators, units and people by id: the page names them.
  const named: Named = (reference, value) => {
    switch (reference) {
      case 'objective':
        return t('objectives.number', {
          number: objectives.find((o) => o.id === value)?.number ?? value.replace(/^obj-/, ''),
        });
      case 'indicator': {
        const indicator = objectives
          .flatMap((o) => (o.indicators ?? []) as { id: string; label?: unknown }[])
          .find((i) => i.id === value);
        return indicator?.label ? localized(indicator.label, i18n.language) : value;
      }
      case 'unit':
        return names.unit(value);
      case 'person':
        return names.person(value);
    }
  };
  const { data, error, loading } = useLoad(async () => {
    const path = { params: { path: { cycleId } } };
    const [review, report] = await Promise.all([
      optional(ok(api.GET('/api/v1/cycles/{cycleId}/review', path))),
      optional(ok(api.GET('/api/v1/cycles/{cycleId}/report', path))),
    ]);
    return { review, report };
  }, [cycleId]);

  return (
    <div className="cycle-page">
      <CycleNav cycleId={cycleId} />
      <h1>{t('review.title', { year: cycleYear(cycleId) })}</h1>
      {loading && !data && <p className="loading">{t('loading')}</p>}
      {error ? <ErrorNotice error={error} /> : null}
      {data && (
        <>
          <section aria-labelledby="review-heading">
            <h2 id="review-heading">{t('review.heading')}</h2>
            {data.review instanceof ApiProblem ? (
              data.review.status === 404 ? (
                <PendingNotice title={t('review.notYet')} hint={t('review.notYetHint')} />
              ) : (
                <ErrorNotice error={data.review} />
              )
            ) : (
              <CycleObjectives.Provider value={objectives}>
                <ReviewYear.Provider value={cycleYear(cycleId)}>
                  <ReviewBlock
                    cycleId={cycleId}
                    review={data.review}
                    format={format}
                    names={names}
                    named={named}
                  />
                </ReviewYear.Provider>
              </CycleObjectives.Provider>
            )}
          </section>
          <section aria-labelledby="report-heading">
            <h2 id="report-heading">{t('report.heading')}</h2>
            {data.report instanceof ApiProblem ? (
              data.report.status === 404 ? (
                <p className="notice" role="status">
                  {t('report.notYet')}
                </p>
              ) : (
                <ErrorNotice error={data.report} />
              )
            ) : (
              <>
                <PrintableReport cycleId={cycleId} />
                <ReportBlock report={data.report} format={format} names={names} />
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function ReviewBlock({
  cycleId,
  review,
  format,
  names,
  named,
}: {
  cycleId: string;
  review: Review;
  format: Format;
  names: DirectoryNames;
  named: Named;
}) {
  const { t } = useTranslation('cycles');
  // The leader's answer as the record keeps it: the 9.3.3 outputs, and beside them the attendees, the
  // secretary, the 9.3.1 conclusion and the judgement of the QMS objective (each optional in the answer).
  const outputs = review.outputs as {
    improvementOpportunities?: string[];
    qmsChanges?: string[];
    resourceNeeds?: string[];
    attendees?: string[];
    secretary?: string;
    conclusion?: { suitable: boolean; adequate: boolean; effective: boolean; notes?: string };
    qmsJudgement?: { achieved: boolean; notes?: string };
  } | null;
  const actions = (review.actions ?? []) as {
    title?: string;
    ownerUnitCode?: string;
    ownerUserId?: string;
    dueDate?: string;
  }[];
  const yesNo = (value: boolean) => (value ? t('review.yes') : t('review.no'));
  // The files the review rests on, the owners' reports and last year's actions in its inputs name,
  // by the names the API lists with the review.
  return (
    <EvidenceNamesProvider cycleId={undefined} records={[]} known={review.files}>
      <dl className="facts">
        <Fact label={t('review.status')}>
          <StatusBadge status={review.status} group="reviewStatus" />
        </Fact>
        <MeetingDay review={review} />
        <Fact label={t('review.minutes')}>{review.minutesRef ?? '—'}</Fact>
        {review.evidence.length > 0 && (
          <Fact label={t('review.evidence')}>
            <EvidenceList items={review.evidence} />
          </Fact>
        )}
        {outputs?.secretary && <Fact label={t('review.secretary')}>{outputs.secretary}</Fact>}
      </dl>
      {outputs?.attendees && (
        <div className="card">
          <h3>{t('review.attendees')}</h3>
          <ReadableList items={outputs.attendees} empty={t('review.none')} />
        </div>
      )}
      <div className="card">
        <h3>{t('review.inputs')}</h3>
        <ValueView value={review.inputs} format={format} named={named} />
      </div>
      <div className="card">
        <h3>{t('review.outputs')}</h3>
        {outputs ? (
          <dl className="plan">
            {(['improvementOpportunities', 'qmsChanges', 'resourceNeeds'] as const).map((key) => (
              <Fact key={key} label={t(`reviewOutput.${key}`)}>
                <ReadableList items={outputs[key]} empty={t('review.none')} />
              </Fact>
            ))}
          </dl>
        ) : (
          <p className="muted">{t('review.notHeld')}</p>
        )}
      </div>
      {(outputs?.conclusion || outputs?.qmsJudgement) && (
        <div className="card">
          <h3>{t('review.conclusion')}</h3>
          <dl className="plan">
            {outputs.conclusion &&
              (['suitable', 'adequate', 'effective'] as const).map((key) => (
                <Fact key={key} label={t(`review.${key}`)}>
                  {yesNo(outputs.conclusion![key])}
                </Fact>
              ))}
            {outputs.conclusion?.notes && (
              <Fact label={t('review.conclusionNotes')}>{outputs.conclusion.notes}</Fact>
            )}
            {outputs.qmsJudgement && (
              <Fact label={t('review.qmsJudgement')}>
                {outputs.qmsJudgement.achieved ? t('review.achieved') : t('review.notAchieved')}
                {outputs.qmsJudgement.notes ? ` — ${outputs.qmsJudgement.notes}` : ''}
              </Fact>
            )}
          </dl>
        </div>
      )}
      <div className="card">
        <h3>{t('review.actions')}</h3>
        {actions.length === 0 ? (
          <p className="muted">{t('review.none')}</p>
        ) : (
          <DataTable
            className="stacked-table"
            columns={[
              t('review.action'),
              t('review.owner'),
              t('review.ownerPerson'),
              t('review.due'),
              t('review.followUp.heading'),
            ]}
          >
            {actions.map((action, index) => (
              <tr key={index}>
                <td>{action.title ?? '—'}</td>
                <td data-label={t('review.owner')}>{names.unit(action.ownerUnitCode)}</td>
                <td data-label={t('review.ownerPerson')}>
                  {action.ownerUserId ? names.person(action.ownerUserId) : t('review.unitHead')}
                </td>
                <td data-label={t('review.due')}>{format.date(action.dueDate)}</td>
                <td data-label={t('review.followUp.heading')}>
                  <ActionFollowUp
                    cycleId={cycleId}
                    followUp={review.actionFollowUp[index]}
                    format={format}
                    names={names}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </EvidenceNamesProvider>
  );
}

/**
 * How a review action went (ISO 9.3.3), as its owner reported it on their task: done or not, when,
 * their note and what it rests on (files to download); not reported yet, or carried into next year
 * by the close. A review held before actions were followed up as tasks says nothing.
 */
function ActionFollowUp({
  cycleId,
  followUp,
  format,
  names,
}: {
  cycleId: string;
  followUp: Review['actionFollowUp'][number] | undefined;
  format: Format;
  names: DirectoryNames;
}) {
  const { t } = useTranslation('cycles');
  if (!followUp?.status) return <span className="muted">—</span>;
  return (
    <>
      <StatusBadge status={followUp.status} group="reviewActionStatus" />
      {followUp.carriedForward && <p className="small">{t('review.followUp.carriedForward')}</p>}
      {followUp.reportedAt && (
        <p className="muted small">
          {t('review.followUp.reported', {
            who: names.person(followUp.reportedBy),
            date: format.dateTime(followUp.reportedAt),
          })}
        </p>
      )}
      {followUp.note && <p className="readable-text">{followUp.note}</p>}
      {followUp.evidence.length > 0 && (
        <div className="small">
          {t('review.followUp.evidence')}: <EvidenceList items={followUp.evidence} />
        </div>
      )}
      <RecordHistoryLink cycleId={cycleId} subject={followUp.actionId} as="p" className="small" />
    </>
  );
}

/** Any JSON value, readably: words for known keys, lists, nested groups. */
function ValueView({ value, format, named }: { value: unknown; format: Format; named: Named }) {
  const { t } = useTranslation('cycles');
  const objectives = useContext(CycleObjectives);
  if (value === null || value === undefined || value === '') return <span className="muted">—</span>;
  if (typeof value === 'number') return <>{format.number(value)}</>;
  if (typeof value === 'boolean') return <>{value ? t('review.yes') : t('review.no')}</>;
  if (typeof value === 'string') {
    if (evidenceIdOf(value)) return <EvidenceLink reference={value} />;
    return (
      <>
        {isDate(value)
          ? format.date(value)
          : isMachineWord(value)
            ? t(`reviewValue.${value}`, { defaultValue: value })
            : value}
      </>
    );
  }
  if (Array.isArray(value))
    return (
      <ReadableList
        items={value}
        className="value-list"
        empty={<span className="muted">{t('review.none')}</span>}
        render={(item) => <ValueView value={item} format={format} named={named} />}
      />
    );
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record).filter(
    ([key]) => !HIDDEN_REVIEW_KEYS.has(key) && !saidByObjectiveResults(record, key),
  );
  return (
    <dl className="value-group">
      {entries.map(([key, item]) => {
        const results = key === 'objectiveResults' ? objectiveResultsOf(item) : undefined;
        const trend = figuresWithTrendOf(item);
        const byUnit = key === 'processPerformanceByUnit' ? unitPerformanceOf(item) : undefined;
        const reference = typeof item === 'string' ? referenceOf(key) : undefined;
        return (
          <div key={key}>
            <dt>{t(`reviewInput.${key}`, { defaultValue: key })}</dt>
            <dd>
              {results ? (
                // The review's objectives as a table each, not a list of every field (a screen each).
                <ObjectiveResults results={results} objectives={objectives} />
              ) : trend ? (
                <FiguresTrend value={trend} />
              ) : byUnit ? (
                <UnitPerformanceTable rows={byUnit} unitName={(code) => named('unit', code)} />
              ) : reference ? (
                named(reference, item as string)
              ) : isYear(key, item) ? (
                // A year is a name, not a quantity: 2023, never "2.023".
                String(item)
              ) : (
                <ValueView value={item} format={format} named={named} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * The printable page: the API answers text/html to `Accept: text/html` with the bearer token, so it
 * is fetched here (same origin, with the token) and shown from a blob URL in a new window, or in a
 * frame on this page when the browser blocks the window.
 */
function PrintableReport({ cycleId }: { cycleId: string }) {
  const { t } = useTranslation('cycles');
  const [busy, setBusy] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const open = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    // Opened now, inside the click, so that a popup blocker lets it through; filled once fetched.
    const popup = window.open('', '_blank');
    try {
      const { data, error, response } = await api.GET('/api/v1/cycles/{cycleId}/report', {
        params: { path: { cycleId } },
        headers: { accept: 'text/html' },
        parseAs: 'text',
      });
      if (!response.ok || error !== undefined)
        throw new ApiProblem(response.status, 'ERROR', response.statusText, [], undefined);
      const text = data as unknown as string;
      const url = URL.createObjectURL(new Blob([text], { type: 'text/html;charset=utf-8' }));
      urls.current.push(url);
      if (popup && !popup.closed) {
        popup.location.href = url;
        setHtml(null);
      } else {
        setHtml(text);
      }
    } catch (error) {
      popup?.close();
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print-block">
      <div className="actions">
        <button type="button" className="button button-primary" onClick={open} disabled={busy}>
          {busy ? t('loading') : t('report.print')}
        </button>
      </div>
      <p className="muted small">{t('report.printHint')}</p>
      {problem ? <ErrorNotice error={problem} /> : null}
      {html && (
        <div className="report-frame">
          <div className="actions">
            <button type="button" className="button" onClick={() => frame.current?.contentWindow?.print()}>
              {t('report.printFrame')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setHtml(null)}>
              {t('report.closeFrame')}
            </button>
          </div>
          <iframe ref={frame} title={t('report.frameTitle')} srcDoc={html} />
        </div>
      )}
    </div>
  );
}

function ReportBlock({ report, format, names }: { report: Report; format: Format; names: DirectoryNames }) {
  const { t, i18n } = useTranslation('cycles');
  const periodLabel = usePeriodLabel();
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const figure = (kind: string, f: Report['objectives'][number]['indicators'][number]['figures'][number]) =>
    kind === 'ratio'
      ? f.numerator !== null && f.denominator
        ? `${format.percent((f.numerator / f.denominator) * 100)} (${format.number(f.numerator)}/${format.number(f.denominator)})`
        : '—'
      : kind === 'count'
        ? format.number(f.value)
        : f.achieved === null
          ? '—'
          : f.achieved
            ? t('judged.achieved')
            : t('judged.notAchieved');
  return (
    <div className="report">
      <div className="card">
        <h3>{t('report.decision')}</h3>
        <dl className="facts">
          <Fact label={t('report.number')}>{report.decision.documentNumber}</Fact>
          <Fact label={t('report.signer')}>
            {report.decision.signerName}, {report.decision.signerTitle}
            {report.decision.enteredBy &&
              ` ${t('report.enteredOnPaper', { who: names.person(report.decision.enteredBy) })}`}
          </Fact>
          <Fact label={t('report.signingDate')}>{format.date(report.decision.signingDate)}</Fact>
          <Fact label={t('report.effectiveDate')}>{format.date(report.decision.effectiveDate)}</Fact>
          <Fact label={t('facts.status')}>
            <StatusBadge status={report.status} group="cycleStatus" />
          </Fact>
        </dl>
      </div>
      <h3>{t('report.objectives')}</h3>
      {report.objectives.map((objective) => (
        <div className="card" key={objective.id}>
          <h4>
            {t('objectives.number', { number: objective.number })}: {objective.title[language]}
          </h4>
          <p>
            <StatusBadge status={objective.status} />{' '}
            <span className="muted small">{objective.final ? t('report.final') : t('report.soFar')}</span>
            {objective.unitCode ? ` · ${names.unit(objective.unitCode)}` : ''}
            {objective.assigneeName ? ` · ${objective.assigneeName}` : ''}
          </p>
          <DataTable
            className="stacked-table"
            columns={[
              t('report.indicator'),
              t('indicator.target'),
              t('indicator.reported'),
              t('report.figures'),
              t('report.result'),
            ]}
          >
            {objective.indicators.map((indicator) => (
              <tr key={indicator.id}>
                <td>{indicator.label[language]}</td>
                <td data-label={t('indicator.target')}>
                  {indicator.target
                    ? targetInWords(indicator.target, indicator.kind, language, t, format)
                    : t('indicator.noTarget')}
                </td>
                <td data-label={t('indicator.reported')}>
                  {indicator.measuredByEngine
                    ? t('report.byEngine')
                    : t('indicator.reportedCount', {
                        count: indicator.reportedPeriods,
                        total: indicator.expectedPeriods,
                      })}
                  <LateReports count={indicator.lateReports} />
                </td>
                <td data-label={t('report.figures')}>
                  {indicator.figures.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="value-list">
                      {indicator.figures.map((f) => (
                        <li key={f.periodKey}>
                          {periodLabel(f.periodKey)}: {figure(indicator.kind, f)}
                          {f.late ? ` (${t('indicator.late')})` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label={t('report.result')}>
                  {indicator.result ? (
                    <StatusBadge status={indicator.result} />
                  ) : (
                    <span className="muted">{t('report.noResult')}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      ))}
      <div className="card">
        <h3>{t('report.audit')}</h3>
        {report.audit ? (
          <dl className="facts">
            <Fact label={t('audit.status')}>
              <StatusBadge status={report.audit.status} group="auditStatus" />
            </Fact>
            <Fact label={t('audit.dates')}>
              {t('audit.dateRange', {
                from: format.date(report.audit.from),
                to: format.date(report.audit.to),
              })}
            </Fact>
            <Fact label={t('audit.scope')}>{report.audit.scope ?? '—'}</Fact>
            <Fact label={t('audit.checklist')}>
              {t('audit.progressValue', {
                signed: format.number(report.audit.steps.filter((s) => s.signedOffAt).length),
                total: format.number(report.audit.steps.length),
              })}
            </Fact>
            <Fact label={t('report.nonconformities')}>
              {format.number(report.audit.nonconformities.length)}
            </Fact>
          </dl>
        ) : (
          <p className="muted">{t('report.notDone')}</p>
        )}
      </div>
      <div className="card">
        <h3>{t('report.review')}</h3>
        {report.review ? (
          <>
            <dl className="facts">
              <Fact label={t('review.status')}>
                <StatusBadge status={report.review.status} group="reviewStatus" />
              </Fact>
              <MeetingDay review={report.review} />
              <Fact label={t('review.minutes')}>{report.review.minutesRef ?? '—'}</Fact>
            </dl>
            {report.review.actions.length > 0 && (
              <ul>
                {report.review.actions.map((action, index) => (
                  <li key={index}>
                    {action.title} — {names.unit(action.ownerUnitCode)}, {format.date(action.dueDate)}
                    {action.status && (
                      <>
                        {' '}
                        <StatusBadge status={action.status} group="reviewActionStatus" />
                      </>
                    )}
                    {action.carriedForward && (
                      <span className="small"> {t('review.followUp.carriedForward')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="muted">{t('report.notDone')}</p>
        )}
      </div>
    </div>
  );
}

/**
 * When the review met: the day its minutes give, with when they were entered; else when they were
 * entered, as the meeting's time.
 */
function MeetingDay({ review }: { review: { heldAt: string | null; heldOn: string | null } }) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  if (!review.heldOn) return <Fact label={t('review.heldAt')}>{format.dateTime(review.heldAt)}</Fact>;
  return (
    <>
      <Fact label={t('review.heldOn')}>{format.date(review.heldOn)}</Fact>
      <Fact label={t('review.recordedAt')}>{format.dateTime(review.heldAt)}</Fact>
    </>
  );
}
