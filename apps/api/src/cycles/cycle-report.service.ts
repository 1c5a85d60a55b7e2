import { Injectable } from '@nestjs/common';
import {
  engineMeasuredIndicators,
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
} from '@qcycle/contracts';
import { periodsInYear, type CycleDraft, type MeasurementFrequency } from '@qcycle/domain';
import type { Principal } from '../auth/principal';
import { CycleDocumentsService } from './cycle-documents.service';
import { CyclesService } from './cycles.service';
import type { ObjectiveView } from './dto/cycle-objectives.view';
import type {
  CycleReportView,
  ReportAuditView,
  ReportObjectiveView,
  ReportReviewView,
  ReviewActionView,
} from './dto/cycle-report.view';
import type { AuditView, ObjectiveResultView, ReviewView } from './dto/cycle-records.view';

/**
 * The year's report (ISO 6 close, presented at the end of the year by the Quality Representative):
 * the same records `/decision`, `/objectives`, `/audit`, `/review` and `/results` answer, read
 * through the same service methods and put together in one document. It exists once the decision
 * does; a step the year has not reached yet is `null`.
 */
@Injectable()
export class CycleReportService {
  constructor(
    private readonly documents: CycleDocumentsService,
    private readonly cycles: CyclesService,
  ) {}

  async report(caller: Principal, cycleId: string): Promise<CycleReportView> {
    // The decision first: it checks the organisation and answers 404 before approval.
    const decision = await this.documents.decision(caller, cycleId);
    const key = parseQualityCycleId(cycleId)!;
    const [objectives, results, audit, review, recorded] = await Promise.all([
      this.documents.objectives(caller, cycleId),
      this.documents.results(caller, cycleId),
      notYet(this.documents.audit(caller, cycleId)),
      notYet(this.documents.review(caller, cycleId)),
      this.cycles.recorded(cycleId),
    ]);
    // The workflow's own rule for which indicators it measures itself; it reads only the objectives.
    const engine = engineMeasuredIndicators({ objectives: decision.objectives } as CycleDraft);
    const engineIds = new Set([engine.qmsMaintained, engine.internalAudits].filter((id) => !!id));
    return {
      cycleId,
      organisationCode: key.organisationCode,
      year: key.year,
      status: recorded?.status ?? null,
      phase: recorded?.phase ?? null,
      decision: {
        documentNumber: decision.documentNumber,
        signerName: decision.signerName,
        signerTitle: decision.signerTitle,
        enteredBy: decision.enteredBy,
        signingDate: decision.signingDate,
        effectiveDate: decision.effectiveDate,
      },
      objectives: objectives.map((o) => objectiveReport(o, results, engineIds)),
      audit: audit && auditReport(audit),
      review: review && reviewReport(review),
    };
  }
}

/** A record the year has not reached yet (its route answers 404 NOT_FOUND) is `null` in the report. */
export async function notYet<T>(record: Promise<T>): Promise<T | null> {
  try {
    return await record;
  } catch (error) {
    if (error instanceof QcycleError && error.code === QcycleErrorCode.NotFound) return null;
    throw error;
  }
}

function objectiveReport(
  objective: ObjectiveView,
  results: ObjectiveResultView[],
  engineIds: Set<string | undefined>,
): ReportObjectiveView {
  const result = results.find((r) => r.objectiveId === objective.id);
  const indicatorResults = (result?.indicators ?? []) as { indicatorId?: unknown; status?: unknown }[];
  return {
    id: objective.id,
    number: objective.number,
    title: objective.title,
    frequency: objective.frequency,
    unitCode: objective.unitCode,
    assigneeName: objective.assigneeName,
    status: objective.status,
    final: result !== undefined,
    indicators: objective.indicators.map((indicator) => {
      const measuredByEngine = engineIds.has(indicator.id);
      const indicatorResult = indicatorResults.find((r) => r.indicatorId === indicator.id)?.status;
      return {
        id: indicator.id,
        kind: indicator.kind,
        label: indicator.label,
        target: indicator.target,
        targetText: indicator.target?.text ?? null,
        measuredByEngine,
        expectedPeriods: measuredByEngine ? 0 : periodsInYear(objective.frequency as MeasurementFrequency),
        reportedPeriods: new Set(indicator.measurements.map((m) => m.periodKey)).size,
        lateReports: indicator.measurements.filter((m) => m.late).length,
        result: typeof indicatorResult === 'string' ? indicatorResult : null,
        figures: indicator.measurements.map((m) => ({
          periodKey: m.periodKey,
          numerator: m.numerator,
          denominator: m.denominator,
          pendingOverdue: m.pendingOverdue,
          value: m.value,
          achieved: m.achieved,
          late: m.late,
          corrected: m.corrected,
          ...(m.paperReport ? { paperReport: m.paperReport } : {}),
        })),
      };
    }),
  };
}

function auditReport(audit: AuditView): ReportAuditView {
  const plan = audit.plan ?? {};
  return {
    status: audit.status,
    from: textOrNull(plan.from),
    to: textOrNull(plan.to),
    scope: textOrNull(plan.scope),
    steps: audit.steps,
    nonconformities: audit.correctiveActions,
    report: audit.report,
    closedAt: audit.closedAt,
  };
}

function reviewReport(review: ReviewView): ReportReviewView {
  const outputs = review.outputs;
  return {
    status: review.status,
    heldAt: review.heldAt,
    heldOn: review.heldOn,
    minutesRef: review.minutesRef,
    outputs: outputs && {
      improvementOpportunities: textList(outputs.improvementOpportunities),
      qmsChanges: textList(outputs.qmsChanges),
      resourceNeeds: textList(outputs.resourceNeeds),
    },
    actions: ((review.actions ?? []) as Partial<ReviewActionView>[]).map((a, index) => ({
      title: String(a.title ?? ''),
      ownerUnitCode: String(a.ownerUnitCode ?? ''),
      dueDate: String(a.dueDate ?? ''),
      status: review.actionFollowUp[index]?.status ?? null,
      carriedForward: review.actionFollowUp[index]?.carriedForward ?? false,
    })),
  };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
