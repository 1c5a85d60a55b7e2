import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { parseQualityCycleId, QcycleError, QcycleErrorCode, qualityCycleId } from '@qcycle/contracts';
import { describeTarget, type DraftWording, type Objective } from '@qcycle/domain';
import {
  DecisionEntity,
  DocumentVersionEntity,
  EventLogEntryEntity,
  evidenceFilesNamedIn,
  TaskEntity,
  UserEntity,
} from '@qcycle/persistence';
import { In } from 'typeorm';
import type { AuditView } from '../cycles/dto/cycle-records.view';
import { certificateView } from '../directory/auditor-certificate';
import { previousAuditFindings } from '../cycles/previous-audit-findings';
import { auditPlanDocument, auditReportDocument, type AuditRecord } from './audit-documents';
import type { Principal } from '../auth/principal';
import {
  decisionDocument,
  decisionDraftDocument,
  objectivesPlanDocument,
  planDraftDocument,
  type DecisionRecord,
  type DecisionWording,
} from './decision-document';
import { DecisionWordingSource } from './decision-wording.source';
import type { DocumentFile, DocumentFormat } from './document-negotiation';
import {
  DocumentRegisterService,
  registeredFile,
  type DocumentSource,
  type DocumentType,
} from './document-register.service';
import type { PlanView } from './dto/documents.view';
import { asDraft, asRehearsal, type OfficialDocument } from './official-document';

/** The tasks whose form holds a round's draft objectives: the leader's approval and the revision after a return. */
const DRAFT_ROUNDS = ['objectives-approval', 'objectives-revision'];

/** What a document is built from (with the approved wording) and registered under. */
export type OfficialDocumentSource = Pick<
  DocumentSource,
  'number' | 'sourceRecord' | 'approvedBy' | 'approvedByName'
> & {
  build: (wording: DecisionWording) => OfficialDocument;
};

/**
 * A year-end report as it stands (docs/documents.md "Drafts and issuing"): a registered version
 * (issued, or registered at its download once the year is closed), or a draft of what the records
 * say now, marked and not registered, beside the version last issued.
 */
export type YearEndVersion =
  | { status: 'issued'; row: DocumentVersionEntity }
  | { status: 'draft'; model: OfficialDocument; issuedVersion: number | null };

/**
 * The cycle's official documents, generated from its records and registered: the decision
 * approving the objectives and the objectives' implementation plan. Readable by everyone in the
 * organisation, like the records (another organisation's cycle is "not found"); 404 before approval.
 */
@Injectable()
export class CycleOfficialDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly wordingSource: DecisionWordingSource,
    private readonly register: DocumentRegisterService,
  ) {}

  async decisionFile(caller: Principal, cycleId: string, format: DocumentFormat): Promise<DocumentFile> {
    return this.file(caller, cycleId, 'objectives-decision', format, decisionDocument);
  }

  /**
   * The decision, or the plan issued with it, as the objectives of an approval or revision round
   * would issue them (`decisionDraftDocument`, `planDraftDocument`: number and date blank, "DỰ THẢO",
   * never registered), for a task its caller may read (TasksService.visibleTask): the leader reads
   * the documents they are asked to sign, the Quality Representative those they submit. Any other
   * task has none (404).
   */
  async roundDraftFile(
    task: TaskEntity,
    document: 'decision' | 'plan',
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const round = DRAFT_ROUNDS.includes(task.kind)
      ? (task.form as { objectives?: Objective[]; wording?: DraftWording } | null)
      : null;
    const objectives = round?.objectives;
    const key = parseQualityCycleId(task.cycleId);
    if (!objectives || !key)
      throw new QcycleError(QcycleErrorCode.NotFound, 'decisionDraft', { taskId: task.id });
    // The round's words (a round opened before forms carried them: the draft's, unrevised then).
    const [wording, { dateOf }] = await Promise.all([
      this.wordingSource.wording(key.organisationCode, key.year, round?.wording ?? {}),
      this.wordingSource.calendar(key.organisationCode, key.year),
    ]);
    const build = document === 'plan' ? planDraftDocument : decisionDraftDocument;
    const draft = build(objectives, wording, dateOf(new Date().toISOString()));
    return this.register.draftFile(wording.rehearsal ? asRehearsal(draft) : draft, format, null);
  }

  async planFile(caller: Principal, cycleId: string, format: DocumentFormat): Promise<DocumentFile> {
    return this.file(caller, cycleId, 'objectives-plan', format, objectivesPlanDocument);
  }

  /**
   * The internal audit's plan (once planned) or report (once closed), from the audit record the
   * caller may read (`CycleDocumentsService.audit`); a step not reached yet is 404.
   */
  async auditFile(
    caller: Principal,
    cycleId: string,
    audit: AuditView,
    type: 'audit-plan' | 'audit-report',
    format: DocumentFormat,
  ): Promise<DocumentFile> {
    const key = this.own(caller, cycleId);
    const plan = audit.plan as AuditRecord['plan'];
    if (!plan) throw new QcycleError(QcycleErrorCode.NotFound, 'auditNotPlanned', { cycleId });
    if (type === 'audit-report' && (audit.status !== 'closed' || !audit.closedAt))
      throw new QcycleError(QcycleErrorCode.NotFound, 'auditNotClosed', { cycleId });
    const ids = [...new Set([audit.leadAuditorUserId, ...audit.steps.map((s) => s.auditorUserId)])];
    const [people, planned, { dateOf }, previousFindings, files] = await Promise.all([
      this.peopleOf(caller, ids),
      this.dataSource.getRepository(EventLogEntryEntity).findOne({
        where: { cycleId, type: 'audit.planned' },
        order: { occurredAt: 'ASC' },
      }),
      this.wordingSource.calendar(key.organisationCode, key.year),
      previousAuditFindings(this.dataSource.manager, cycleId),
      evidenceFilesNamedIn(this.dataSource, cycleId, audit.steps),
    ]);
    const { reportApproval } = audit;
    const names = fullNames(people);
    const certificates = Object.fromEntries(
      people.flatMap((user) => {
        const held = certificateView(user);
        return held ? [[user.id, held]] : [];
      }),
    );
    const record: AuditRecord = {
      ...audit,
      plan,
      leadAuditorName: names[audit.leadAuditorUserId] ?? audit.leadAuditorUserId,
      names,
      fileNames: Object.fromEntries(files.map((file) => [file.id, file.fileName])),
      certificates,
      previousFindings,
      reportApproval: reportApproval && {
        approvedBy: reportApproval.approvedBy,
        approvedByName: reportApproval.approvedByName,
        approvedOn: dateOf(reportApproval.approvedAt),
      },
      date:
        type === 'audit-report' ? dateOf(audit.closedAt!) : planned ? dateOf(planned.occurredAt) : plan.from,
    };
    return this.registered(caller, key, type, format, {
      number: '',
      sourceRecord: `audits/${audit.id}`,
      approvedBy: audit.leadAuditorUserId,
      approvedByName: record.leadAuditorName,
      build: (wording) => (type === 'audit-plan' ? auditPlanDocument : auditReportDocument)(record, wording),
    });
  }

  async plan(caller: Principal, cycleId: string): Promise<PlanView> {
    const { row } = await this.decision(caller, cycleId);
    const objectives = [...(row.objectives as Objective[])].sort((a, b) => a.number - b.number);
    return {
      cycleId,
      documentNumber: row.documentNumber,
      signingDate: row.signingDate,
      objectives: objectives.map((o) => ({
        id: o.id,
        number: o.number,
        title: o.title,
        ownerUnitCode: o.ownerUnitCode,
        frequency: o.frequency,
        indicators: o.indicators.map((i) => ({
          id: i.id,
          label: i.label,
          target: describeTarget(i) ?? null,
        })),
        plan: o.plan,
      })),
    };
  }

  private async file(
    caller: Principal,
    cycleId: string,
    type: DocumentType,
    format: DocumentFormat,
    build: (record: DecisionRecord, wording: DecisionWording) => OfficialDocument,
  ): Promise<DocumentFile> {
    const { row, key } = await this.decision(caller, cycleId);
    return this.registered(caller, key, type, format, decisionSource(row, build));
  }

  /**
   * The decision is produced from the approval record when the leader approves, whether or not
   * anyone downloads it: for each approved cycle of the caller's organisation (of that cycle or year
   * when given) whose decision record has no decision or plan in the register yet, both are built
   * and registered now. Called before the register is read (`GET /documents`, the yearly report), so
   * the register never shows an approved year without its decision. The worker records the approval
   * but renders nothing (chromium lives in the API), hence this sweep on the API's side. Two replicas
   * sweeping at once are decided by the register's unique indexes, as two downloads are.
   */
  async registerApprovedDecisions(
    caller: Principal,
    filter: { cycleId?: string; year?: number } = {},
  ): Promise<void> {
    const decisions = await this.dataSource.getRepository(DecisionEntity).find({
      where: {
        organisationCode: caller.organisationCode,
        ...(filter.cycleId ? { cycleId: filter.cycleId } : {}),
        ...(filter.year ? { year: filter.year } : {}),
      },
    });
    if (decisions.length === 0) return;
    const registered = await this.dataSource.getRepository(DocumentVersionEntity).find({
      where: {
        organisationCode: caller.organisationCode,
        type: In(['objectives-decision', 'objectives-plan']),
        sourceRecord: In(decisions.map((row) => `decisions/${row.id}`)),
      },
      select: ['type', 'sourceRecord'],
    });
    const present = new Set(registered.map((d) => `${d.type} ${d.sourceRecord}`));
    const documents = [
      ['objectives-decision', decisionDocument],
      ['objectives-plan', objectivesPlanDocument],
    ] as const;
    for (const row of decisions)
      for (const [type, build] of documents) {
        if (present.has(`${type} decisions/${row.id}`)) continue;
        try {
          await this.registeredVersion(caller, row, type, decisionSource(row, build));
        } catch (error) {
          // The approved wording is gone (Temporal's retention) and nothing was issued from it: there
          // is nothing to build the document from, and the register is still listed.
          if (!(error instanceof QcycleError)) throw error;
        }
      }
  }

  /** Builds the document from the records and the approved wording, and answers its registered version. */
  async registered(
    caller: Principal,
    key: { organisationCode: string; year: number },
    type: DocumentType,
    format: DocumentFormat,
    source: OfficialDocumentSource,
  ): Promise<DocumentFile> {
    return registeredFile(await this.registeredVersion(caller, key, type, source), format);
  }

  /**
   * The registered version of the document built from the records and the approved wording. With
   * `requestId`, a deliberate issue: the same request sent again answers the version it issued.
   */
  async registeredVersion(
    caller: Principal,
    key: { organisationCode: string; year: number },
    type: DocumentType,
    source: OfficialDocumentSource,
    requestId?: string,
  ): Promise<DocumentVersionEntity> {
    const built = await this.built(key, type, source);
    if ('issued' in built) return built.issued;
    return this.register.issue(
      {
        organisationCode: key.organisationCode,
        cycleId: qualityCycleId(key.organisationCode, key.year),
        year: key.year,
        type,
        number: source.number,
        sourceRecord: source.sourceRecord,
        approvedBy: source.approvedBy,
        approvedByName: source.approvedByName,
        model: built.model,
      },
      caller.userId,
      requestId,
    );
  }

  /**
   * A year-end report (the objectives report, the yearly QMS report): once the year is closed its
   * records are final, and it is registered at its download as every document is. Before, a download
   * issues nothing: it answers the version issued (`POST …/issue`) with exactly this content, or else
   * a draft, marked "DỰ THẢO" on every page, not registered, naming the version last issued.
   */
  async yearEndVersion(
    caller: Principal,
    key: { organisationCode: string; year: number },
    type: DocumentType,
    source: OfficialDocumentSource,
    closed: boolean,
  ): Promise<YearEndVersion> {
    if (closed) return { status: 'issued', row: await this.registeredVersion(caller, key, type, source) };
    const built = await this.built(key, type, source);
    if ('issued' in built) return { status: 'issued', row: built.issued };
    const cycleId = qualityCycleId(key.organisationCode, key.year);
    const issued = await this.register.findByContent(cycleId, type, built.model);
    if (issued) return { status: 'issued', row: issued };
    const latest = await this.latestIssued(cycleId, type);
    return { status: 'draft', model: asDraft(built.model), issuedVersion: latest?.version ?? null };
  }

  /** The PDF or DOCX of a year-end report as it stands: the registered file, or the draft's, rendered now. */
  async yearEndFile(version: YearEndVersion, format: DocumentFormat): Promise<DocumentFile> {
    return version.status === 'issued'
      ? registeredFile(version.row, format)
      : this.register.draftFile(version.model, format, version.issuedVersion);
  }

  /**
   * The document's model from the records and the approved wording (a rehearsal's marked as such);
   * once Temporal no longer keeps the wording (retention), the version last issued, which stays.
   */
  private async built(
    key: { organisationCode: string; year: number },
    type: DocumentType,
    source: OfficialDocumentSource,
  ): Promise<{ model: OfficialDocument } | { issued: DocumentVersionEntity }> {
    let wording: DecisionWording;
    try {
      wording = await this.wordingSource.wording(key.organisationCode, key.year);
    } catch (error) {
      const cycleId = qualityCycleId(key.organisationCode, key.year);
      const issued = await this.latestIssued(cycleId, type, source.sourceRecord);
      if (issued && error instanceof QcycleError) return { issued };
      throw error;
    }
    return { model: wording.rehearsal ? asRehearsal(source.build(wording)) : source.build(wording) };
  }

  /** The full names of these people of the caller's organisation, by user id, in one query. */
  async namesOf(caller: Principal, ids: readonly string[]): Promise<Record<string, string>> {
    return fullNames(await this.peopleOf(caller, ids));
  }

  /** These people of the caller's organisation, as the directory has them, in one query. */
  private async peopleOf(caller: Principal, ids: readonly string[]): Promise<UserEntity[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: { id: In(unique), organisationCode: caller.organisationCode } });
  }

  own(caller: Principal, cycleId: string): { organisationCode: string; year: number } {
    const key = parseQualityCycleId(cycleId);
    if (!key || key.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    return key;
  }

  async decision(
    caller: Principal,
    cycleId: string,
  ): Promise<{ row: DecisionEntity; key: { organisationCode: string; year: number } }> {
    const key = this.own(caller, cycleId);
    const row = await this.dataSource.getRepository(DecisionEntity).findOneBy({ cycleId });
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'decision', { cycleId });
    return { row, key };
  }

  /** The latest version issued of the type (of that record's, where a type has one per record: the nonconformity forms). */
  latestIssued(
    cycleId: string,
    type: DocumentType,
    sourceRecord?: string,
  ): Promise<DocumentVersionEntity | null> {
    return this.dataSource.getRepository(DocumentVersionEntity).findOne({
      where: { cycleId, type, ...(sourceRecord ? { sourceRecord } : {}) },
      order: { version: 'DESC' },
    });
  }
}

/**
 * A document issued under the year's decision, registered with the decision as its source record and
 * its signer as the approver: the decision itself and its plan under the decision's number, the
 * reports and the announcement with none (`''`: the clerk numbers them when they are sent).
 */
export function issuedUnderDecision(
  row: DecisionEntity,
  number: string,
  build: (wording: DecisionWording) => OfficialDocument,
): OfficialDocumentSource {
  return {
    number,
    sourceRecord: `decisions/${row.id}`,
    approvedBy: row.signedBy,
    approvedByName: row.signerName,
    build,
  };
}

/** What the decision and the plan issued with it are built from, and registered under. */
function decisionSource(
  row: DecisionEntity,
  build: (record: DecisionRecord, wording: DecisionWording) => OfficialDocument,
): OfficialDocumentSource {
  const record = decisionRecordOf(row);
  return issuedUnderDecision(row, row.documentNumber, (wording) => build(record, wording));
}

/** What the decision's row says, as the documents read it. */
export function decisionRecordOf(row: DecisionEntity): DecisionRecord {
  return {
    documentNumber: row.documentNumber,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    signingDate: row.signingDate,
    effectiveDate: row.effectiveDate,
    objectives: row.objectives as Objective[],
  };
}

/** People's full names by user id. */
function fullNames(people: readonly UserEntity[]): Record<string, string> {
  return Object.fromEntries(people.map((user) => [user.id, user.fullName]));
}
