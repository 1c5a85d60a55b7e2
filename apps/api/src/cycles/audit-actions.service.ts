import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  parseQualityCycleId,
  QcycleError,
  QcycleErrorCode,
  type TaskCompletionResult,
} from '@qcycle/contracts';
import { AuditEntity, AuditStepEntity, TaskEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { TasksService } from '../tasks/tasks.service';
import type { CloseAuditDto, SignOffStepDto } from './dto/audit-actions.dto';

/**
 * The audit's own words for two tasks: signing off a checklist step (the step's audit-step task) and
 * closing the audit (the lead auditor's audit-close task). Both complete the task through its
 * workflow like any other; the rule that an auditor never audits their own unit is checked here too.
 */
@Injectable()
export class AuditActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  async signOff(
    caller: Principal,
    cycleId: string,
    stepId: string,
    body: SignOffStepDto,
    requestId: string,
  ): Promise<TaskCompletionResult> {
    const audit = await this.auditOf(caller, cycleId);
    const step = await this.dataSource
      .getRepository(AuditStepEntity)
      .findOneBy({ id: `${audit.id}/step/${stepId}` });
    if (!step) throw new QcycleError(QcycleErrorCode.NotFound, 'auditStep', { stepId, cycleId });
    if (caller.unitCode !== null && caller.unitCode === step.unitCode) {
      throw new QcycleError(QcycleErrorCode.Forbidden, 'auditOwnUnit', { unitCode: step.unitCode });
    }
    const outcome = {
      result: body.result,
      evidence: body.evidence,
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      ...(body.finding !== undefined ? { finding: body.finding } : {}),
    };
    return this.tasks.complete(caller, step.id, outcome, requestId);
  }

  async close(
    caller: Principal,
    cycleId: string,
    body: CloseAuditDto,
    requestId: string,
  ): Promise<TaskCompletionResult> {
    const audit = await this.auditOf(caller, cycleId);
    // A report returned by its approver comes back to the lead auditor as a new audit-close task
    // (`…/report/revise/{round}`): the latest one is the report to submit.
    const latest = await this.dataSource.getRepository(TaskEntity).findOne({
      where: { workflowId: audit.id, kind: 'audit-close' },
      order: { openedAt: 'DESC' },
    });
    return this.tasks.complete(caller, latest?.id ?? `${audit.id}/close`, { report: body.report }, requestId);
  }

  private async auditOf(caller: Principal, cycleId: string): Promise<AuditEntity> {
    if (parseQualityCycleId(cycleId)?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const audit = await this.dataSource.getRepository(AuditEntity).findOneBy({ cycleId });
    if (!audit) throw new QcycleError(QcycleErrorCode.NotFound, 'audit', { cycleId });
    return audit;
  }
}
