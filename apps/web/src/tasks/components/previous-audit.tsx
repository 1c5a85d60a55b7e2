import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiProblem, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { StatusBadge } from '../../cycles/components/status-badge';
import { useLoad } from '../../ui/page-state';
import { useUnits } from './people';

type CycleAudit = components['schemas']['AuditView'];
type AuditStep = CycleAudit['steps'][number];

/** The same organisation's cycle of the year before (`kontum-2024` → `kontum-2023`), if it is one. */
export function previousCycleId(cycleId: string): { id: string; year: number } | null {
  const match = /^(.+)-(\d{4})$/.exec(cycleId);
  if (!match) return null;
  const year = Number(match[2]) - 1;
  return { id: `${match[1]}-${year}`, year };
}

const FINDINGS = ['observation', 'minor-nc', 'major-nc'] as const;

/**
 * Last year's internal audit as the plan's form and this year's audit page read it: `audit` null when qcycle holds none for that
 * year; the whole undefined while loading, or where it is not read (a task-link session, a refusal).
 */
export interface PreviousAuditState {
  year: number;
  cycleId: string;
  audit: CycleAudit | null;
  /** Its steps that found something (an observation or a nonconformity), in the audit's order. */
  findings: AuditStep[];
}

export function usePreviousAudit(cycleId: string): PreviousAuditState | undefined {
  const { user } = useSession();
  const previous = previousCycleId(cycleId);
  const may = !!previous && !!user && user.authenticatedBy !== 'task-link';
  const { data, error, loading } = useLoad(
    () =>
      may
        ? ok(api.GET('/api/v1/cycles/{cycleId}/audit', { params: { path: { cycleId: previous.id } } }))
        : Promise.resolve(null),
    [previous?.id, may],
  );
  if (!may || loading) return undefined;
  const none = error instanceof ApiProblem && error.status === 404;
  if (!data && !none) return undefined; // refused or unreachable: the form stands without it
  const audit = data ?? null;
  const findings = (audit?.steps ?? []).filter((step) =>
    (FINDINGS as readonly string[]).includes(step.result ?? ''),
  );
  return { year: previous.year, cycleId: previous.id, audit, findings };
}

/** A step of this year's plan, as far as it matters to last year's findings. */
export interface PlannedStep {
  unitCode: string;
  process: string;
}

/**
 * This year's step that audits again the unit and process of last year's finding (the process
 * without case or outer spaces, as the audit report matches it), if the plan has one.
 */
export const auditedAgainIn = <S extends PlannedStep>(steps: S[], finding: PlannedStep): S | undefined =>
  steps.find(
    (step) =>
      step.unitCode === finding.unitCode &&
      step.process.trim().toLocaleLowerCase('vi') === finding.process.trim().toLocaleLowerCase('vi'),
  );

/** An auditor's finding as a sentence of ours: ended by one full stop. */
const sentence = (text: string) => `${text.trim().replace(/[.;]+$/u, '')}.`;

/**
 * ISO 9001 9.2.2 a: an audit programme takes into account the results of previous audits. Beside
 * the plan's form, last year's internal audit as its records hold it: how its steps came out, and
 * each finding with the unit, process and clause, and where its corrective action stands, so that
 * the units and processes that fell short are looked at again — with one press, as steps of this
 * year's plan (`onPlanAgain`, the findings not yet planned).
 */
export function PreviousAudit({
  state,
  units,
  steps,
  onPlanAgain,
}: {
  state: PreviousAuditState | undefined;
  /** The units this year's audit may take: a unit gone since last year is not offered again. */
  units: string[];
  steps: PlannedStep[];
  onPlanAgain: (findings: AuditStep[]) => void;
}) {
  const { t } = useTranslation('tasks');
  const [added, setAdded] = useState<number | null>(null);
  if (!state) return null;
  const { audit, findings, year } = state;
  const count = (result: string) => (audit?.steps ?? []).filter((step) => step.result === result).length;
  const plannable = findings.filter((finding) => units.includes(finding.unitCode));
  const unplanned = plannable.filter((finding) => !auditedAgainIn(steps, finding));
  return (
    <section aria-labelledby="previous-audit-title" className="previous-audit">
      <h3 id="previous-audit-title">{t('auditPlan.previous.title', { year })}</h3>
      {!audit ? (
        <p>{t('auditPlan.previous.none', { year })}</p>
      ) : (
        <>
          <p className="field-hint">{t('auditPlan.previous.hint')}</p>
          <p>
            {audit.status !== 'closed' && (
              <>
                <StatusBadge status={audit.status} group="auditStatus" />{' '}
              </>
            )}
            {t('auditPlan.previous.summary', {
              steps: audit.steps.length,
              conformity: count('conformity'),
              observation: count('observation'),
              minor: count('minor-nc'),
              major: count('major-nc'),
            })}
          </p>
          {findings.length === 0 ? (
            <p>{t('auditPlan.previous.noFindings')}</p>
          ) : (
            <ul className="previous-findings">
              {findings.map((step) => {
                const action = audit.correctiveActions.find((a) => a.stepId === step.id);
                return (
                  <li key={step.id}>
                    <PreviousFinding
                      finding={{ ...step, result: step.result ?? '', year }}
                      action={action ?? null}
                    />
                  </li>
                );
              })}
            </ul>
          )}
          {/* Said where the press was made; the steps themselves are below, each marked. */}
          <p role="status" className="field-hint">
            {added !== null && t('auditPlan.previous.added', { count: added })}
          </p>
          {plannable.length > 0 &&
            (unplanned.length > 0 ? (
              <button
                type="button"
                className="button"
                onClick={() => {
                  onPlanAgain(unplanned);
                  setAdded(unplanned.length);
                }}
              >
                {t('auditPlan.previous.planAgain', { count: unplanned.length })}
              </button>
            ) : (
              <p>{t('auditPlan.previous.allPlanned', { year })}</p>
            ))}
          <p>
            <Link to={`/cycles/${encodeURIComponent(state.cycleId)}/audit`}>
              {t('auditPlan.previous.open', { year })}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

/**
 * One finding of last year's audit in words: its result, the unit (where the reader does not know it
 * already), process and clause, what was found and, for a nonconformity, where its corrective action
 * stands — and, where that year's close carried it on unfinished, that it goes on in the next year,
 * as the audit report says it. The plan's form and the audit step's page say it alike.
 */
export function PreviousFinding({
  finding,
  action,
  withUnit = true,
}: {
  finding: {
    year: number;
    result: string;
    unitCode: string;
    process: string;
    clause: string;
    finding: string | null;
  };
  action: { status: string; effective: boolean | null; carriedForward: boolean } | null;
  /** False where the page is of that unit already (an audit step's). */
  withUnit?: boolean;
}) {
  const { t, i18n } = useTranslation('tasks');
  const { unitName } = useUnits();
  return (
    <>
      <StatusBadge status={finding.result} group="auditResult" />{' '}
      {withUnit ? (
        <>
          <strong>{unitName(finding.unitCode, i18n.language)}</strong>
          {t('auditPlan.previous.where', { process: finding.process, clause: finding.clause })}
        </>
      ) : (
        <strong>
          {t('auditPlan.previous.processClause', { process: finding.process, clause: finding.clause })}
        </strong>
      )}
      {finding.finding ? `: ${sentence(finding.finding)}` : '.'}
      {finding.result !== 'observation' && (
        <>
          {' '}
          {t('auditPlan.previous.action')}{' '}
          {action ? (
            <>
              <StatusBadge status={action.status} group="actionStatus" />
              {action.effective !== null &&
                `, ${action.effective ? t('auditPlan.previous.effective') : t('auditPlan.previous.notEffective')}`}
              {action.carriedForward &&
                `, ${t('auditPlan.previous.carriedForward', { year: finding.year + 1 })}`}
            </>
          ) : (
            t('auditPlan.previous.noAction')
          )}
          .
        </>
      )}
    </>
  );
}

/**
 * Under a step of this year's plan, what last year's audit found in its unit: the lead auditor sees
 * at the step, not only above the form, that it audits again where something fell short.
 */
export function PreviousFindingsAt({
  state,
  unitCode,
}: {
  state: PreviousAuditState | undefined;
  unitCode: string;
}) {
  const { t } = useTranslation(['tasks', 'cycles']);
  const here = unitCode ? (state?.findings ?? []).filter((f) => f.unitCode === unitCode) : [];
  if (!state || here.length === 0) return null;
  return (
    <p className="step-previous">
      {t('tasks:auditPlan.previous.atStep', {
        year: state.year,
        findings: here
          .map((f) =>
            t('tasks:auditPlan.previous.atStepFinding', {
              result: t(`cycles:auditResult.${f.result}`),
              process: f.process,
              clause: f.clause,
            }),
          )
          .join('; '),
      })}
    </p>
  );
}

/**
 * On this year's audit page, as its report says it (ISO 9.2.2 a): each finding of last year's audit,
 * where its corrective action stood, and how this audit found the same unit's process again, or that
 * it does not audit it again. Nothing when last year found nothing, or qcycle holds no audit of it.
 */
export function PreviousFindingsFollowUp({
  state,
  steps,
}: {
  state: PreviousAuditState | undefined;
  steps: (PlannedStep & { result?: string | null })[];
}) {
  const { t } = useTranslation(['cycles', 'tasks']);
  if (!state?.audit || state.findings.length === 0) return null;
  const { audit, findings, year } = state;
  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">{t('cycles:audit.followUp', { year })}</h2>
      <ul className="previous-findings">
        {findings.map((finding) => {
          const again = auditedAgainIn(steps, finding);
          return (
            <li key={finding.id}>
              <PreviousFinding
                finding={{ ...finding, result: finding.result ?? '', year }}
                action={audit.correctiveActions.find((a) => a.stepId === finding.id) ?? null}
              />{' '}
              {t('cycles:audit.thisAudit')}{' '}
              {!again ? (
                t('cycles:audit.notAgain')
              ) : again.result ? (
                <StatusBadge status={again.result} group="auditResult" />
              ) : (
                t('cycles:audit.notYet')
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * Under a step of this year's checklist that audits again what last year's audit found there (its
 * unit's process, as {@link auditedAgainIn} matches it): "Đánh giá lại phát hiện năm 2023: Không phù
 * hợp nhẹ", as the audit plan's document marks the step (ISO 9.2.2 a). Nothing for any other step.
 */
export function ReauditMark({ state, step }: { state: PreviousAuditState | undefined; step: PlannedStep }) {
  const { t } = useTranslation('cycles');
  const found = (state?.findings ?? []).filter((finding) => auditedAgainIn([step], finding));
  if (!state || found.length === 0) return null;
  const results = [...new Set(found.map((finding) => t(`auditResult.${finding.result}`)))];
  return (
    <p className="reaudit-mark">{t('audit.reaudit', { year: state.year, results: results.join(', ') })}</p>
  );
}
