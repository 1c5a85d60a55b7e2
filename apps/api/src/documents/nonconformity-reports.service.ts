import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { payloadOf, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  EventLogEntryEntity,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { CycleOfficialDocumentsService } from './cycle-official-documents.service';
import { DecisionWordingSource } from './decision-wording.source';
import type { DocumentFile, DocumentFormat } from './document-negotiation';
import type { NonconformityView } from './dto/nonconformity.view';
import { nonconformityReportDocument } from './nonconformity-report-document';

/**
 * The nonconformity and corrective-action form of one audit finding (ISO 9001 10.2), from the
 * records the corrective-action workflow writes; registered like the other documents, one form per
 * finding (its `sourceRecord` is the corrective action). 404 until the finding is raised.
 */
@Injectable()
export class NonconformityReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly official: CycleOfficialDocumentsService,
    private readonly wordingSource: DecisionWordingSource,
  ) {}

  /** The finding raised at the audit's checklist step `stepId` (`s1`), with its corrective action. */
  async nonconformity(caller: Principal, cycleId: string, stepId: string): Promise<NonconformityView> {
    const key = this.official.own(caller, cycleId);
    const notFound = () => new QcycleError(QcycleErrorCode.NotFound, 'nonconformity', { stepId, cycleId });
    const audit = await this.dataSource.getRepository(AuditEntity).findOneBy({ cycleId });
    if (!audit) throw notFound();
    const fullStepId = `${audit.id}/step/${stepId}`;
    const [step, action] = await Promise.all([
      this.dataSource.getRepository(AuditStepEntity).findOneBy({ id: fullStepId, cycleId }),
      this.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ stepId: fullStepId, cycleId }),
    ]);
    if (!step || !action) throw notFound();
    const verified = action.effective !== null && action.verifiedBy && action.verifiedAt;
    const ids = [audit.leadAuditorUserId, step.auditorUserId, action.ownerUserId, action.verifiedBy];
    const [names, verification, { dateOf }] = await Promise.all([
      this.official.namesOf(
        caller,
        ids.filter((id): id is string => !!id),
      ),
      verified
        ? this.dataSource
            .getRepository(EventLogEntryEntity)
            .findOneBy({ id: `${action.id}/verified/${action.rounds}`, cycleId })
        : null,
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    const name = (id: string) => names[id] ?? id;
    const plan = (audit.plan ?? {}) as { from?: string; to?: string };
    const notes = (
      payloadOf(verification, 'corrective-action.closed') ??
      payloadOf(verification, 'corrective-action.reopened')
    )?.notes;
    return {
      id: action.id,
      stepId,
      audit: {
        id: audit.id,
        from: plan.from ?? '',
        to: plan.to ?? '',
        leadAuditorUserId: audit.leadAuditorUserId,
        leadAuditorName: name(audit.leadAuditorUserId),
      },
      unitCode: action.unitCode,
      process: step.process,
      clause: step.clause,
      severity: action.severity,
      finding: action.finding,
      evidence: step.evidence,
      auditorUserId: step.auditorUserId,
      auditorName: name(step.auditorUserId),
      foundOn: dateOf(step.signedOffAt ?? action.openedAt),
      correction: action.correction,
      rootCause: action.rootCause,
      action: action.action,
      ownerUserId: action.ownerUserId,
      ownerName: action.ownerUserId ? name(action.ownerUserId) : null,
      dueDate: action.dueDate,
      verification: verified
        ? {
            verifiedBy: action.verifiedBy!,
            verifierName: name(action.verifiedBy!),
            verifiedAt: action.verifiedAt!,
            verifiedOn: dateOf(action.verifiedAt!),
            effective: Boolean(action.effective),
            notes: typeof notes === 'string' && notes.trim() ? notes : null,
          }
        : null,
      status: action.status,
      rounds: action.rounds,
    };
  }

  /** The form, dated its last record: the verification, else the plan, else the finding. */
  async nonconformityFile(
    caller: Principal,
    cycleId: string,
    nonconformity: NonconformityView,
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const key = this.official.own(caller, cycleId);
    const [planned, { dateOf }] = await Promise.all([
      this.dataSource.getRepository(EventLogEntryEntity).findOneBy({
        id: `${nonconformity.id}/planned/${nonconformity.rounds}`,
        cycleId,
      }),
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    const date =
      nonconformity.verification?.verifiedOn ??
      (planned && nonconformity.action ? dateOf(planned.occurredAt) : nonconformity.foundOn);
    return this.official.registered(caller, key, 'nonconformity-report', format, {
      number: '',
      sourceRecord: `corrective_actions/${nonconformity.id}`,
      approvedBy: nonconformity.auditorUserId,
      approvedByName: nonconformity.auditorName,
      build: (wording) => nonconformityReportDocument({ nonconformity, year: key.year, date }, wording),
    });
  }
}
