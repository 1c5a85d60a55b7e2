import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  DecisionEntity,
  ManagementReviewEntity,
  MeasurementEntity,
  ObjectiveResultEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { pageWindow, type Page } from '../common/pagination';
import type {
  AuditView,
  DecisionView,
  MeasurementQuery,
  MeasurementView,
  ObjectiveResultView,
  ReviewView,
} from './dto/cycle-records.view';

/**
 * The cycle's documented information (ISO 7.5) as the activities recorded it: the decision, the
 * measurements, the audit with its steps and corrective actions, the review, the year's results.
 * Read-only; any signed-in member of the organisation may read them (they are the QMS's records).
 */
@Injectable()
export class CycleDocumentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async decision(caller: Principal, cycleId: string): Promise<DecisionView> {
    own(caller, cycleId);
    const row = await this.dataSource.getRepository(DecisionEntity).findOneBy({ cycleId });
    if (!row)
      throw new QcycleError(
        QcycleErrorCode.NotFound,
        `No decision yet for ${cycleId}: the objectives are not approved`,
      );
    return {
      documentNumber: row.documentNumber,
      signerName: row.signerName,
      signerTitle: row.signerTitle,
      signedBy: row.signedBy,
      signingDate: row.signingDate,
      effectiveDate: row.effectiveDate,
      rounds: row.rounds,
      objectives: row.objectives,
    };
  }

  async measurements(
    caller: Principal,
    cycleId: string,
    query: MeasurementQuery,
  ): Promise<Page<MeasurementView>> {
    own(caller, cycleId);
    const { limit, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(MeasurementEntity).findAndCount({
      where: {
        cycleId,
        ...(query.objectiveId ? { objectiveId: query.objectiveId } : {}),
        ...(query.indicatorId ? { indicatorId: query.indicatorId } : {}),
      },
      order: { objectiveId: 'ASC', indicatorId: 'ASC', periodKey: 'ASC' },
      skip: offset,
      take: limit,
    });
    return {
      items: rows.map((m) => ({
        objectiveId: m.objectiveId,
        indicatorId: m.indicatorId,
        periodKey: m.periodKey,
        kind: m.kind,
        numerator: m.numerator,
        denominator: m.denominator,
        value: m.value,
        achieved: m.achieved === null ? null : Boolean(m.achieved),
        evidence: m.evidence,
        reportedBy: m.reportedBy,
        reportedAt: m.reportedAt,
        late: Boolean(m.late),
      })),
      total,
      limit,
      offset,
    };
  }

  async audit(caller: Principal, cycleId: string): Promise<AuditView> {
    own(caller, cycleId);
    const audit = await this.dataSource.getRepository(AuditEntity).findOneBy({ cycleId });
    if (!audit) throw new QcycleError(QcycleErrorCode.NotFound, `No internal audit yet in ${cycleId}`);
    const steps = await this.dataSource
      .getRepository(AuditStepEntity)
      .find({ where: { auditId: audit.id }, order: { id: 'ASC' } });
    const actions = await this.dataSource
      .getRepository(CorrectiveActionEntity)
      .find({ where: { auditId: audit.id }, order: { openedAt: 'ASC' } });
    return {
      id: audit.id,
      status: audit.status,
      leadAuditorUserId: audit.leadAuditorUserId,
      plan: audit.plan,
      report: audit.report,
      closedAt: audit.closedAt,
      steps: steps.map((s) => ({
        id: s.id,
        unitCode: s.unitCode,
        process: s.process,
        clause: s.clause,
        auditorUserId: s.auditorUserId,
        result: s.result,
        evidence: s.evidence,
        finding: s.finding,
        signedOffAt: s.signedOffAt,
      })),
      correctiveActions: actions.map((a) => ({
        id: a.id,
        severity: a.severity,
        unitCode: a.unitCode,
        finding: a.finding,
        correction: a.correction,
        rootCause: a.rootCause,
        action: a.action,
        dueDate: a.dueDate,
        status: a.status,
        effective: a.effective === null ? null : Boolean(a.effective),
      })),
    };
  }

  async review(caller: Principal, cycleId: string): Promise<ReviewView> {
    own(caller, cycleId);
    const review = await this.dataSource.getRepository(ManagementReviewEntity).findOneBy({ cycleId });
    if (!review) throw new QcycleError(QcycleErrorCode.NotFound, `No management review yet in ${cycleId}`);
    return {
      status: review.status,
      inputs: review.inputs,
      outputs: review.outputs,
      actions: review.actions,
      minutesRef: review.minutesRef,
      heldAt: review.heldAt,
    };
  }

  async results(caller: Principal, cycleId: string): Promise<ObjectiveResultView[]> {
    own(caller, cycleId);
    const rows = await this.dataSource
      .getRepository(ObjectiveResultEntity)
      .find({ where: { cycleId }, order: { objectiveId: 'ASC' } });
    return rows.map((r) => ({
      objectiveId: r.objectiveId,
      status: r.status,
      indicators: r.indicators,
      computedAt: r.computedAt,
    }));
  }
}

/** Another organisation's cycle is "not found", like one that does not exist. */
function own(caller: Principal, cycleId: string): void {
  if (parseQualityCycleId(cycleId)?.organisationCode !== caller.organisationCode)
    throw new QcycleError(QcycleErrorCode.CycleNotFound, `No cycle ${cycleId}`);
}
