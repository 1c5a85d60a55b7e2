import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { recordedNonconformitySource, type Objective } from '@qcycle/domain';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  correctiveActionLastRounds,
  DecisionEntity,
  EventLogEntryEntity,
  evidenceFilesNamedIn,
} from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { CycleOfficialDocumentsService } from './cycle-official-documents.service';
import { DecisionWordingSource } from './decision-wording.source';
import type { DocumentFile, DocumentFormat } from './document-negotiation';
import type { NonconformityCarriedFromView, NonconformityView } from './dto/nonconformity.view';
import { nonconformityReportDocument } from './nonconformity-report-document';

/**
 * The nonconformity and corrective-action form (ISO 9001 10.2) of every nonconformity of a cycle,
 * whatever its source (the internal audit's findings, a missed objective, a complaint, an external
 * audit, an observation, one carried from last year), from the records the corrective-action
 * workflow writes; registered like the other documents, one form per nonconformity (its
 * `sourceRecord` is the corrective action). Read by everyone of the organisation, as the
 * nonconformity list; 404 for a nonconformity not of the cycle.
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
      this.dataSource.getRepository(AuditStepEntity).existsBy({ id: fullStepId, cycleId }),
      this.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ stepId: fullStepId, cycleId }),
    ]);
    if (!step || !action) throw notFound();
    return this.viewOf(caller, key, action);
  }

  /** A nonconformity of the cycle by its id (the corrective action's, as the nonconformity list gives it). */
  async nonconformityById(caller: Principal, cycleId: string, id: string): Promise<NonconformityView> {
    const key = this.official.own(caller, cycleId);
    const action = await this.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ id, cycleId });
    // Not the step's message ("no nonconformity raised at step …"): the organisation's "not found".
    if (!action) throw new QcycleError(QcycleErrorCode.NotFound, 'default', { nonconformityId: id, cycleId });
    return this.viewOf(caller, key, action);
  }

  /** The form, dated its last record: the verification, else the plan, else the finding. */
  async nonconformityFile(
    caller: Principal,
    cycleId: string,
    nonconformity: NonconformityView,
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const key = this.official.own(caller, cycleId);
    const [planned, { dateOf }, files] = await Promise.all([
      this.dataSource.getRepository(EventLogEntryEntity).findOneBy({
        id: `${nonconformity.id}/planned/${nonconformity.rounds}`,
        cycleId,
      }),
      this.wordingSource.calendar(key.organisationCode, key.year),
      // The finding's, the plan's and the verification's evidence (the helper reads `evidence` lists,
      // the verification's among them; the plan's, `actionEvidence`, is handed as one). A plan carried
      // in from last year rests on files of last year's record.
      evidenceFilesNamedIn(
        this.dataSource,
        cycleId,
        [nonconformity, { evidence: nonconformity.actionEvidence }],
        { yearBefore: true },
      ),
    ]);
    const fileNames = Object.fromEntries(files.map((file) => [file.id, file.fileName]));
    const date =
      nonconformity.verification?.verifiedOn ??
      (planned && nonconformity.action ? dateOf(planned.occurredAt) : nonconformity.foundOn);
    return this.official.registered(caller, key, 'nonconformity-report', format, {
      number: '',
      sourceRecord: `corrective_actions/${nonconformity.id}`,
      approvedBy: nonconformity.verifierUserId,
      approvedByName: nonconformity.verifierName,
      build: (wording) =>
        nonconformityReportDocument({ nonconformity, year: key.year, date, fileNames }, wording),
    });
  }

  /**
   * What the form prints of one corrective action's row: an audit finding with its audit and step
   * (the auditor raised it and verifies it), the others with who raised it and the verifier the row
   * names, a missed objective with the objective as approved, a carried one with last year's action.
   */
  private async viewOf(
    caller: Principal,
    key: { organisationCode: string; year: number },
    action: CorrectiveActionEntity,
  ): Promise<NonconformityView> {
    const { cycleId } = action;
    const [audit, step] = action.stepId
      ? await Promise.all([
          this.dataSource.getRepository(AuditEntity).findOneBy({ id: action.auditId, cycleId }),
          this.dataSource.getRepository(AuditStepEntity).findOneBy({ id: action.stepId, cycleId }),
        ])
      : [null, null];
    const verified = action.effective !== null && action.verifiedBy && action.verifiedAt;
    const verifierUserId = step?.auditorUserId ?? action.verifierUserId;
    const raisedBy = action.raisedBy ?? step?.auditorUserId ?? null;
    const [lastRounds, { dateOf }, objective, carriedFrom] = await Promise.all([
      correctiveActionLastRounds(this.dataSource, cycleId, [action]),
      this.wordingSource.calendar(key.organisationCode, key.year),
      this.objectiveOf(action),
      this.carriedFromOf(action),
    ]);
    const ids = [
      audit?.leadAuditorUserId,
      step?.auditorUserId,
      raisedBy,
      verifierUserId,
      action.ownerUserId,
      action.verifiedBy,
    ];
    const names = await this.official.namesOf(
      caller,
      ids.filter((id): id is string => !!id),
    );
    const name = (id: string) => names[id] ?? id;
    const nameOf = (id: string | null | undefined) => (id ? name(id) : null);
    const plan = (audit?.plan ?? {}) as { from?: string; to?: string };
    const lastRound = lastRounds.get(action.id)!;
    return {
      id: action.id,
      source: recordedNonconformitySource(action.source),
      stepId: step ? step.id.slice(step.id.lastIndexOf('/') + 1) : null,
      audit:
        audit && step
          ? {
              id: audit.id,
              from: plan.from ?? '',
              to: plan.to ?? '',
              leadAuditorUserId: audit.leadAuditorUserId,
              leadAuditorName: name(audit.leadAuditorUserId),
            }
          : null,
      unitCode: action.unitCode,
      process: step?.process ?? null,
      clause: step?.clause ?? null,
      severity: action.severity,
      finding: action.finding,
      evidence: step?.evidence ?? null,
      auditorUserId: step?.auditorUserId ?? null,
      auditorName: nameOf(step?.auditorUserId),
      raisedBy,
      raisedByName: nameOf(raisedBy),
      verifierUserId,
      verifierName: nameOf(verifierUserId),
      objective,
      carriedFrom,
      foundOn: dateOf(step?.signedOffAt ?? action.openedAt),
      correction: action.correction,
      rootCause: action.rootCause,
      action: action.action,
      ownerUserId: action.ownerUserId,
      ownerName: nameOf(action.ownerUserId),
      dueDate: action.dueDate,
      actionEvidence: lastRound.evidence,
      verification: verified
        ? {
            verifiedBy: action.verifiedBy!,
            verifierName: name(action.verifiedBy!),
            verifiedAt: action.verifiedAt!,
            verifiedOn: dateOf(action.verifiedAt!),
            effective: Boolean(action.effective),
            notes: lastRound.verificationNotes,
            evidence: lastRound.verificationEvidence,
          }
        : null,
      status: action.status,
      rounds: action.rounds,
    };
  }

  /** A missed objective's objective, numbered and titled as the year's decision approved it. */
  private async objectiveOf(action: CorrectiveActionEntity): Promise<NonconformityView['objective']> {
    if (!action.objectiveId) return null;
    const decision = await this.dataSource
      .getRepository(DecisionEntity)
      .findOneBy({ cycleId: action.cycleId });
    const objective = ((decision?.objectives ?? []) as Objective[]).find((o) => o.id === action.objectiveId);
    return {
      id: action.objectiveId,
      number: objective?.number ?? null,
      title: objective?.title.vi ?? null,
      periodKey: action.periodKey,
    };
  }

  /**
   * Last year's corrective action a carried one continues, as last year's records hold it (its row
   * and, for an audit finding, its step), the day found on last year's calendar. Its id alone when
   * last year's row is gone.
   */
  private async carriedFromOf(action: CorrectiveActionEntity): Promise<NonconformityCarriedFromView | null> {
    if (!action.carriedFromId) return null;
    const id = action.carriedFromId;
    const lastYear = await this.dataSource.getRepository(CorrectiveActionEntity).findOneBy({ id });
    const thisYear = parseQualityCycleId(action.cycleId);
    const key = parseQualityCycleId(lastYear?.cycleId ?? '');
    const year = key?.year ?? (thisYear?.year ?? 0) - 1;
    if (!lastYear || !key || key.organisationCode !== thisYear?.organisationCode) {
      return { id, year, foundOn: null, process: null, clause: null, status: null, rounds: null };
    }
    const [step, { dateOf }] = await Promise.all([
      lastYear.stepId
        ? this.dataSource
            .getRepository(AuditStepEntity)
            .findOneBy({ id: lastYear.stepId, cycleId: lastYear.cycleId })
        : null,
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    return {
      id,
      year,
      foundOn: dateOf(step?.signedOffAt ?? lastYear.openedAt),
      process: step?.process ?? null,
      clause: step?.clause ?? null,
      status: lastYear.status,
      rounds: lastYear.rounds,
    };
  }
}
