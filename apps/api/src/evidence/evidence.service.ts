import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { DataSource, IsNull } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { instantToVnLocal } from '@qcycle/domain';
import {
  EVIDENCE_ERASED_NOTICE_WORKFLOW,
  evidenceErasedNoticeId,
  evidenceIdsIn,
  evidenceReference,
  QcycleError,
  QcycleErrorCode,
  type EvidenceErasedNoticeRequest,
} from '@qcycle/contracts';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  AuditStepEntity,
  CorrectiveActionEntity,
  EventLogEntryEntity,
  EvidenceFileEntity,
  evidenceNamedInLog,
  evidenceRecordSubject,
  QualityCycleEntity,
  recordsNamed,
  TaskEntity,
} from '@qcycle/persistence';
import { hasRole, type Principal } from '../auth/principal';
import { recordedCycleOf } from '../common/recorded-cycle';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import { removeContentsNoFileHolds } from './unheld-contents';
import {
  EVIDENCE_RECORD_TYPES,
  type EvidenceAcceptedFilesView,
  type EvidenceFileView,
  type EvidenceListQuery,
  type EvidenceRecordType,
} from './dto/evidence.dto';
import {
  ACCEPTED_EXTENSIONS,
  checkDeclared,
  EVIDENCE_FILE_TYPES,
  EvidenceGate,
  EvidenceRefusedError,
  kindsForFileName,
  UNPACKED_PER_FILE_BYTE,
} from './evidence-file-type';
import {
  EVIDENCE_STORE,
  EvidenceMissingError,
  type EvidenceStore,
  type StoredEvidence,
} from './evidence-store';
import { evidenceRecordOfTask } from './evidence-record';
import {
  isSignedPaperRecord,
  recordsSignedPaper,
  SIGNED_PAPER_TYPES,
  signedPaperScans,
} from '../cycles/signed-papers';
import type { YearEvidenceFilesView } from './dto/year-evidence-files.view';

/** The part of multer (shipped with @nestjs/platform-express, untyped there) an upload uses. */
interface MulterFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  stream: Readable;
}
interface StorageEngine {
  _handleFile(req: HttpRequest, file: MulterFile, done: (error?: unknown, info?: object) => void): void;
  _removeFile(req: HttpRequest, file: MulterFile, done: (error: Error | null) => void): void;
}
type MulterFactory = (options: {
  storage: StorageEngine;
  limits: Record<string, number>;
  defParamCharset: string;
}) => {
  single(field: string): (req: HttpRequest, res: HttpResponse, next: (error?: unknown) => void) => void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as MulterFactory;

/** What the storage engine hands on for the one accepted file. */
interface AcceptedFile {
  stored: StoredEvidence;
  contentType: string;
  fileName: string;
  recordType: EvidenceRecordType;
  recordKey: string;
  afterAnswer: boolean;
}

const TASK_KIND_OF_RECORD = {
  measurement: 'measurement-report',
  review: 'management-review',
  'review-action': 'review-action',
  approval: 'objectives-approval',
} as const;

/**
 * Evidence files of a cycle's records: uploaded through the API, kept by content hash in the
 * {@link EvidenceStore}, listed and downloaded by anyone who may read the cycle's records (everyone
 * in the organisation). An upload is checked in this order, and nothing is kept when a check fails:
 * the cycle (404), the form fields and the record (422), whether the caller may add to that record
 * (403), the file's name and declared type (415), then, while it streams into the store, its size
 * (413) and its content (415). The row is written only once the store holds the complete file.
 */
@Injectable()
export class EvidenceService {
  private readonly logger = new Logger(EvidenceService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    private readonly temporal: TemporalClientProvider,
  ) {}

  async upload(
    caller: Principal,
    cycleId: string,
    request: HttpRequest,
    response: HttpResponse,
    requestId: string,
  ): Promise<EvidenceFileView> {
    const cycle = await recordedCycleOf(this.dataSource, caller, cycleId);
    const accepted = await this.receive(caller, cycle, request, response);
    // A person's file on a record once: sent again by them (a retry after a lost answer, a second
    // click), it is answered with the file already there, not listed twice. Another person's upload
    // of the same content is their own evidence, listed under their name (the content stored once).
    // A file withdrawn as the wrong signed copy, or whose content was erased, is not the one a new
    // upload of it means.
    const already = await this.dataSource.getRepository(EvidenceFileEntity).findOneBy({
      cycleId: cycle.id,
      recordType: accepted.recordType,
      recordKey: accepted.recordKey,
      sha256: accepted.stored.sha256,
      fileName: accepted.fileName,
      uploadedBy: caller.userId,
      withdrawnAt: IsNull(),
      erasedAt: IsNull(),
    });
    if (already) return view(already);
    const row: EvidenceFileEntity = {
      id: randomUUID(),
      organisationCode: cycle.organisationCode,
      cycleId: cycle.id,
      recordType: accepted.recordType,
      recordKey: accepted.recordKey,
      sha256: accepted.stored.sha256,
      size: accepted.stored.size,
      contentType: accepted.contentType,
      fileName: accepted.fileName,
      uploadedBy: caller.userId,
      uploadedAt: new Date().toISOString(),
      afterAnswer: accepted.afterAnswer,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawnReason: null,
      erasedAt: null,
      erasedBy: null,
      erasedReason: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(EvidenceFileEntity, row);
      await manager.insert(EventLogEntryEntity, {
        id: `evidence/${row.id}/uploaded`,
        cycleId: cycle.id,
        type: 'evidence.uploaded',
        actor: caller.userId,
        occurredAt: row.uploadedAt,
        requestId,
        payload: fileFacts(row),
      });
    });
    return view(row);
  }

  /**
   * Withdraws a scan as the signed copy of the decision or the minutes: the wrong paper was uploaded
   * (docs/documents.md "Signed after qcycle recorded it"). The file stays on its record, as every
   * upload does, and in the dossier; the decision and the review no longer list it. Checked in this
   * order: the file in this cycle (404), whether the caller may add a signed copy to its record (403;
   * the year ended, 409), whether it is one (409: a file uploaded after the approval or the review
   * was answered; a file an answer names is part of that answer). Withdrawn already: answered as it
   * is, nothing written again. The row and its `evidence.withdrawn` event are written together.
   */
  async withdrawSignedCopy(
    caller: Principal,
    cycleId: string,
    evidenceId: string,
    reason: string,
    requestId: string,
  ): Promise<EvidenceFileView> {
    const { cycle, row } = await this.fileOfCycle(caller, cycleId, evidenceId);
    const files = this.dataSource.getRepository(EvidenceFileEntity);
    const recordType = row.recordType as EvidenceRecordType;
    await this.checkMayAddTo(caller, cycle, recordType, row.recordKey);
    if (!isSignedPaperRecord(recordType) || !row.afterAnswer)
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'evidenceNotSignedCopy',
        { fileName: row.fileName },
        { id: row.id, recordType: row.recordType, recordKey: row.recordKey },
      );
    if (row.withdrawnAt) return view(row);
    const withdrawal = {
      withdrawnAt: new Date().toISOString(),
      withdrawnBy: caller.userId,
      withdrawnReason: reason.trim(),
    };
    await this.dataSource.transaction(async (manager) => {
      // Two withdrawals at once: the one whose update finds it still listed writes the event.
      const updated = await manager.update(
        EvidenceFileEntity,
        { id: row.id, withdrawnAt: IsNull() },
        withdrawal,
      );
      if (updated.affected !== 1) return;
      await manager.insert(EventLogEntryEntity, {
        id: `evidence/${row.id}/withdrawn`,
        cycleId: cycle.id,
        type: 'evidence.withdrawn',
        actor: caller.userId,
        occurredAt: withdrawal.withdrawnAt,
        requestId,
        payload: {
          evidenceId: row.id,
          recordType: row.recordType,
          recordKey: row.recordKey,
          fileName: row.fileName,
          reason: withdrawal.withdrawnReason,
        },
      });
    });
    return view((await files.findOneBy({ id: row.id }))!);
  }

  /**
   * Erases a file's content (docs/evidence.md "Erasing a file's content"): a file that must not be
   * kept, such as personal data uploaded by mistake. The row stays, with its name, size and SHA-256,
   * and says when, by whom and why; downloads answer 410 from then on, and the dossier lists it
   * without it. Its bytes leave the store unless another file holds the same content. Checked in
   * this order: the file in this cycle (404), the caller the Quality Representative (403). Whatever
   * the year's state: what must not be kept must not be kept after the close either. Erased already:
   * answered as it is, nothing written again, the store's removal tried again (it may have failed).
   * The row and its `evidence.erased` event are written together; then its uploader is told (a
   * workflow by the file's id, so asked again it tells once), after the store's removal.
   */
  async erase(
    caller: Principal,
    cycleId: string,
    evidenceId: string,
    reason: string,
    requestId: string,
  ): Promise<EvidenceFileView> {
    const { cycle, row } = await this.fileOfCycle(caller, cycleId, evidenceId);
    const files = this.dataSource.getRepository(EvidenceFileEntity);
    if (!hasRole(caller, 'quality-representative'))
      throw new QcycleError(QcycleErrorCode.Forbidden, 'evidenceEraseNotQualityRepresentative');
    if (!row.erasedAt) {
      const erasure = {
        erasedAt: new Date().toISOString(),
        erasedBy: caller.userId,
        erasedReason: reason.trim(),
      };
      await this.dataSource.transaction(async (manager) => {
        // Two erasures at once: the one whose update finds the content still there writes the event.
        const updated = await manager.update(EvidenceFileEntity, { id: row.id, erasedAt: IsNull() }, erasure);
        if (updated.affected !== 1) return;
        await manager.insert(EventLogEntryEntity, {
          id: `evidence/${row.id}/erased`,
          cycleId: cycle.id,
          type: 'evidence.erased',
          actor: caller.userId,
          occurredAt: erasure.erasedAt,
          requestId,
          payload: { ...fileFacts(row), reason: erasure.erasedReason },
        });
      });
    }
    const erased = (await files.findOneBy({ id: row.id }))!;
    // Not kept for an upload in flight, as a discarded rehearsal's files are: the content is to go
    // now. An upload of the same bytes stored since the erasure keeps them (its own file).
    await removeContentsNoFileHolds(
      this.dataSource,
      this.store,
      [row.sha256],
      new Date(erased.erasedAt!),
      this.logger,
    );
    await this.tellUploader(erased);
    return view(erased);
  }

  /**
   * Starts the notice telling the uploader their file's content was erased (docs/notifications.md
   * "The uploader, of a file erased"), once per file: started already, nothing more. Best effort: the
   * erasure stands whatever Temporal answers (logged); erasing the file again starts it then.
   */
  private async tellUploader(file: EvidenceFileEntity): Promise<void> {
    try {
      await this.temporal.client.workflow.start(EVIDENCE_ERASED_NOTICE_WORKFLOW, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: evidenceErasedNoticeId(file.id),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ evidenceId: file.id } satisfies EvidenceErasedNoticeRequest],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      this.logger.warn(
        `the uploader of erased file ${file.id} was not told (Temporal: ${error instanceof Error ? error.message : String(error)}); erasing it again tells them`,
      );
    }
  }

  /** A file of a cycle of the caller's organisation, with its cycle: 404 for any other. */
  private async fileOfCycle(
    caller: Principal,
    cycleId: string,
    evidenceId: string,
  ): Promise<{ cycle: QualityCycleEntity; row: EvidenceFileEntity }> {
    const cycle = await recordedCycleOf(this.dataSource, caller, cycleId);
    const row = await this.dataSource
      .getRepository(EvidenceFileEntity)
      .findOneBy({ id: evidenceId, cycleId: cycle.id });
    if (!row) throw new QcycleError(QcycleErrorCode.NotFound, 'evidence', { id: evidenceId });
    return { cycle, row };
  }

  /** What this server takes as evidence: the kinds of file, and the size its configuration allows. */
  acceptedFiles(): EvidenceAcceptedFilesView {
    return {
      maxBytes: this.config.evidence.maxBytes,
      types: Object.entries(EVIDENCE_FILE_TYPES).map(([kind, type]) => ({
        kind,
        contentType: type.contentType,
        extensions: [...type.extensions],
        startsWith: type.startsWith.toString('hex'),
      })),
    };
  }

  async list(caller: Principal, cycleId: string, query: EvidenceListQuery): Promise<EvidenceFileView[]> {
    const cycle = await recordedCycleOf(this.dataSource, caller, cycleId);
    await this.checkTaskLinkReaches(caller, cycle.id, query);
    const rows = await this.dataSource.getRepository(EvidenceFileEntity).find({
      where: { cycleId: cycle.id, recordType: query.recordType, recordKey: query.recordKey },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    return rows.map(view);
  }

  /**
   * Every file of the year, oldest first, with what the year's records make of it: the record it was
   * uploaded to (named), whether it is a signed paper's scan, and whether any answer names it (the
   * facts the dossier's index notes, docs/dossier.md). For those who read the event log (the route's
   * roles), since whether an answer names a file is read from it.
   */
  async yearFiles(caller: Principal, cycleId: string): Promise<YearEvidenceFilesView> {
    const cycle = await recordedCycleOf(this.dataSource, caller, cycleId);
    const rows = await this.dataSource.getRepository(EvidenceFileEntity).find({
      where: { cycleId: cycle.id },
      order: { uploadedAt: 'ASC', id: 'ASC' },
    });
    const [signed, named, subjects] = await Promise.all([
      signedPaperScans(this.dataSource, cycle.id, rows),
      evidenceNamedInLog(this.dataSource, cycle.id),
      recordsNamed(this.dataSource, cycle.id, rows.map(evidenceRecordSubject)),
    ]);
    return {
      files: rows.map((row) => {
        const scanOf = signed.scans.get(row.id);
        return {
          ...view(row),
          subject: evidenceRecordSubject(row).id,
          signedCopyOf: scanOf ? SIGNED_PAPER_TYPES[scanOf] : null,
          named: named.has(row.id),
        };
      }),
      subjects,
    };
  }

  /** The file and what to tell the client about it; another organisation's file is not found. */
  async download(caller: Principal, id: string): Promise<{ file: EvidenceFileView; content: Readable }> {
    const row = await this.dataSource.getRepository(EvidenceFileEntity).findOneBy({ id });
    if (!row || row.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.NotFound, 'evidence', { id });
    await this.checkTaskLinkReaches(caller, row.cycleId, row, row.id);
    if (row.erasedAt)
      throw new QcycleError(
        QcycleErrorCode.EvidenceFileGone,
        'erased',
        { fileName: row.fileName, erasedAt: vietnamClock(row.erasedAt), reason: row.erasedReason ?? '' },
        { id: row.id, sha256: row.sha256, reason: 'erased', erased: erasureOf(row) },
      );
    return { file: view(row), content: await this.storedContent(row) };
  }

  /**
   * The row's bytes from the store, read through once first to check they are the bytes uploaded:
   * the answer says x-content-sha256 of what it sends. A row whose file the store no longer has (the
   * database restored without the evidence folder, docs/operations.md) or whose file changed there
   * is gone for the client, not a fault of the request: 410 naming the file, details.reason
   * `missing` or `changed`, and a line in the log for the administrator. Checking costs a second
   * read of at most EVIDENCE_MAX_BYTES, for a download people ask for now and then.
   */
  private async storedContent(row: EvidenceFileEntity): Promise<Readable> {
    const gone = (reason: 'missing' | 'changed') => {
      this.logger.error(
        `Evidence file ${row.id} ("${row.fileName}", sha256 ${row.sha256}) is on record but ${reason === 'missing' ? 'not in the store' : 'changed in the store'}: restore the evidence folder from the backup`,
      );
      return new QcycleError(
        QcycleErrorCode.EvidenceFileGone,
        reason === 'missing' ? 'default' : 'changed',
        { fileName: row.fileName },
        { id: row.id, sha256: row.sha256, reason },
      );
    };
    try {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of await this.store.get(row.sha256)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      if (size !== row.size || hash.digest('hex') !== row.sha256) throw gone('changed');
      return await this.store.get(row.sha256);
    } catch (error) {
      if (error instanceof EvidenceMissingError) throw gone('missing');
      throw error;
    }
  }

  /** Parses the multipart body, letting exactly one file through the checks into the store. */
  private async receive(
    caller: Principal,
    cycle: QualityCycleEntity,
    request: HttpRequest,
    response: HttpResponse,
  ): Promise<AcceptedFile> {
    const maxBytes = this.config.evidence.maxBytes;
    // The file's handling, while it runs: a refusal can reach multer (through the request's stream)
    // before the store has removed its partial file, and nothing may be kept when the answer leaves.
    let handling: Promise<unknown> | undefined;
    const storage: StorageEngine = {
      _handleFile: (req, file, done) => {
        handling = this.accept(caller, cycle, req.body as Record<string, unknown>, file, maxBytes).then(
          (accepted) => done(null, { accepted }),
          (error: unknown) => done(error),
        );
      },
      // Called only when the request fails after the file was stored complete (the closing boundary
      // never came). The content stays: another upload may already refer to the same hash.
      _removeFile: (_req, _file, done) => done(null),
    };
    const parse = multer({
      storage,
      limits: { files: 1, fields: 2, parts: 3, fieldSize: 1024 },
      // Browsers send file names as raw UTF-8 (Vietnamese names), not latin1.
      defParamCharset: 'utf8',
    }).single('file');
    try {
      await new Promise<void>((resolve, reject) =>
        parse(request, response, (error) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      await handling;
      throw uploadError(error, maxBytes);
    }
    const accepted = (request as HttpRequest & { file?: { accepted?: AcceptedFile } }).file?.accepted;
    if (!accepted) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const fields: Record<string, string[]> = {
        file: ['must be a file (multipart/form-data, field "file")'],
      };
      Object.assign(fields, missingFields(body));
      throw invalidUpload(fields);
    }
    return accepted;
  }

  private async accept(
    caller: Principal,
    cycle: QualityCycleEntity,
    fields: Record<string, unknown>,
    file: MulterFile,
    maxBytes: number,
  ): Promise<AcceptedFile> {
    const missing = missingFields(fields, ' before the file');
    if (Object.keys(missing).length > 0) throw invalidUpload(missing);
    const recordType = fields.recordType as EvidenceRecordType;
    const recordKey = fields.recordKey as string;
    await this.checkTaskLinkReaches(caller, cycle.id, { recordType, recordKey });
    const { afterAnswer } = await this.checkMayAddTo(caller, cycle, recordType, recordKey);
    const fileName = cleanFileName(file.originalname);
    try {
      checkDeclared(fileName, file.mimetype);
      const gate = new EvidenceGate(kindsForFileName(fileName), maxBytes);
      file.stream.on('error', (error) => gate.destroy(error));
      // The gate may refuse the first bytes before the store starts reading it: the store's
      // pipeline still sees that error (the stream is destroyed with it); this only keeps it from
      // being an unhandled 'error' event in between.
      gate.on('error', () => undefined);
      const stored = await this.store.put(file.stream.pipe(gate));
      const kind = gate.kind!;
      return {
        stored,
        contentType: EVIDENCE_FILE_TYPES[kind].contentType,
        fileName,
        recordType,
        recordKey,
        afterAnswer,
      };
    } catch (error) {
      if (error instanceof EvidenceRefusedError) throw refused(error, maxBytes);
      throw error;
    }
  }

  /**
   * A session opened from a task link reaches the evidence of its own task's record, and downloads
   * the files its task's form names, nothing else (docs/security.md "Task links"): the guard let it
   * through to the evidence routes, and this is where the record it names is held against its task.
   */
  private async checkTaskLinkReaches(
    caller: Principal,
    cycleId: string,
    record: { recordType: string; recordKey: string },
    fileId?: string,
  ): Promise<void> {
    const taskId = caller.onlyTaskId;
    if (taskId === undefined) return;
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ id: taskId });
    const itsRecord = task?.cycleId === cycleId ? evidenceRecordOfTask(task) : undefined;
    if (itsRecord?.recordType === record.recordType && itsRecord.recordKey === record.recordKey) return;
    // A file the task's form names is shown on its page, so the link opens it too: the plan a
    // verification judges, carried from last year with its files; last year's actions in a review's
    // inputs with theirs.
    if (fileId !== undefined && task && evidenceIdsIn(task.form).includes(fileId)) return;
    throw new QcycleError(QcycleErrorCode.TaskLinkScope, 'default', { taskId });
  }

  /**
   * Who may add evidence to a record: whoever acts on it (the assignee or a delegate of its task,
   * the auditor of the step, the owner of the corrective action), the Quality Representative, and
   * for audit records (steps, corrective actions) every auditor. A reported period's record also
   * takes the evidence of its correction from the two who may correct it: its reporter and the head
   * of the objective's unit. An unknown record is a 422. Once the
   * year is closed or cancelled its finished records are final (409): a file added then would stand
   * beside the year's documents as if it had been there. A record still open (a review held after
   * the close, a corrective action not yet closed) still takes its evidence.
   *
   * The approving round or the review held takes the scan of the paper signed since (its signed
   * copy, listed beside the decision or the minutes qcycle prints): from the same people, and from
   * the clerk (văn thư), who keeps the sealed original. Answers whether the record's task was
   * answered.
   */
  private async checkMayAddTo(
    caller: Principal,
    cycle: QualityCycleEntity,
    recordType: EvidenceRecordType,
    recordKey: string,
  ): Promise<{ afterAnswer: boolean }> {
    const tasks = this.dataSource.getRepository(TaskEntity);
    const actsOn = (task: TaskEntity | null) =>
      !!task && (task.assigneeUserId === caller.userId || task.delegateUserIds.includes(caller.userId));
    let may = hasRole(caller, 'quality-representative');
    let stillOpen: boolean;
    // A corrective action is answered by several tasks, none of them its record's own: never "after".
    let afterAnswer = false;
    if (Object.hasOwn(TASK_KIND_OF_RECORD, recordType)) {
      const task = await tasks.findOneBy({ id: recordKey, cycleId: cycle.id });
      const kind = TASK_KIND_OF_RECORD[recordType as keyof typeof TASK_KIND_OF_RECORD];
      if (!task || task.kind !== kind) throw unknownRecord(recordType, recordKey);
      may ||=
        actsOn(task) ||
        (recordType === 'measurement' && mayCorrect(caller, task)) ||
        (recordsSignedPaper(task) && hasRole(caller, 'clerk'));
      stillOpen = task.status === 'open';
      afterAnswer = task.status === 'completed';
    } else if (recordType === 'audit-step') {
      const step = await this.dataSource
        .getRepository(AuditStepEntity)
        .findOneBy({ id: recordKey, cycleId: cycle.id });
      if (!step) throw unknownRecord(recordType, recordKey);
      const task = await tasks.findOneBy({ id: recordKey, cycleId: cycle.id });
      may ||=
        hasRole(caller, 'auditor', 'lead-auditor') || step.auditorUserId === caller.userId || actsOn(task);
      stillOpen = task?.status === 'open';
      afterAnswer = task?.status === 'completed';
    } else {
      const action = await this.dataSource
        .getRepository(CorrectiveActionEntity)
        .findOneBy({ id: recordKey, cycleId: cycle.id });
      if (!action) throw unknownRecord(recordType, recordKey);
      may ||=
        hasRole(caller, 'auditor', 'lead-auditor') ||
        action.ownerUserId === caller.userId ||
        (await tasks.findBy({ workflowId: recordKey, cycleId: cycle.id })).some(actsOn);
      stillOpen = action.status === 'open' || action.status === 'planned';
    }
    if (!may)
      throw new QcycleError(
        QcycleErrorCode.Forbidden,
        recordType === 'audit-step' || recordType === 'corrective-action'
          ? 'evidenceNotActorOrAuditor'
          : 'evidenceNotActor',
        { recordType },
      );
    if (cycle.status !== 'running' && !stillOpen)
      throw new QcycleError(
        QcycleErrorCode.Conflict,
        'evidenceYearEnded',
        { cycleId: cycle.id, status: cycle.status, recordKey },
        { recordType, recordKey, cycleStatus: cycle.status },
      );
    return { afterAnswer };
  }
}

/**
 * Who may correct a reported period's figures, and so add the correction's evidence: its reporter,
 * or the head of the objective's unit as the directory has them now (libs/domain
 * `checkMeasurementCorrection`, which the monitoring applies to the correction itself).
 */
function mayCorrect(caller: Principal, task: TaskEntity): boolean {
  if (task.status !== 'completed') return false;
  return (
    task.completedBy === caller.userId ||
    (task.unitCode !== null && caller.headOfUnits.includes(task.unitCode))
  );
}

function view(row: EvidenceFileEntity): EvidenceFileView {
  return {
    id: row.id,
    reference: evidenceReference(row.id),
    sha256: row.sha256,
    size: row.size,
    contentType: row.contentType,
    fileName: row.fileName,
    recordType: row.recordType,
    recordKey: row.recordKey,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
    withdrawn:
      row.withdrawnAt && row.withdrawnBy
        ? { at: row.withdrawnAt, by: row.withdrawnBy, reason: row.withdrawnReason ?? '' }
        : null,
    erased: erasureOf(row),
  };
}

/** The file as its events in the cycle's log tell of it: which, on which record, what content. */
function fileFacts(row: EvidenceFileEntity) {
  return {
    evidenceId: row.id,
    recordType: row.recordType,
    recordKey: row.recordKey,
    sha256: row.sha256,
    size: row.size,
    fileName: row.fileName,
  };
}

/** `2024-05-03 09:15`: when, on Vietnam's clock, in a form neither language misreads. */
function vietnamClock(instant: string): string {
  const { date, time } = instantToVnLocal(instant);
  return `${date} ${time}`;
}

function erasureOf(row: EvidenceFileEntity): EvidenceFileView['erased'] {
  return row.erasedAt && row.erasedBy
    ? { at: row.erasedAt, by: row.erasedBy, reason: row.erasedReason ?? '' }
    : null;
}

function missingFields(fields: Record<string, unknown>, where = ''): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (!EVIDENCE_RECORD_TYPES.includes(fields.recordType as EvidenceRecordType))
    problems.recordType = [`must be one of ${EVIDENCE_RECORD_TYPES.join(', ')}${where}`];
  const key = fields.recordKey;
  if (typeof key !== 'string' || key.trim() === '' || key.length > 240)
    problems.recordKey = [`must be the record's key (1 to 240 characters)${where}`];
  return problems;
}

function invalidUpload(fields: Record<string, string[]>): QcycleError {
  return new QcycleError(
    QcycleErrorCode.EvidenceUploadInvalid,
    'default',
    { fields: Object.keys(fields) },
    { fields },
  );
}

function unknownRecord(recordType: EvidenceRecordType, recordKey: string): QcycleError {
  return new QcycleError(QcycleErrorCode.EvidenceRecordUnknown, 'default', { recordType, recordKey });
}

function refused(error: EvidenceRefusedError, maxBytes: number): QcycleError {
  if (error.reason === 'too-large')
    return new QcycleError(QcycleErrorCode.EvidenceTooLarge, 'default', { maxBytes }, { maxBytes });
  // A small file whose embedded files unpack to too much to be read for macros: its size was not the fault.
  if (error.reason === 'unpacked-too-large') {
    const unpackedBytes = maxBytes * UNPACKED_PER_FILE_BYTE;
    return new QcycleError(
      QcycleErrorCode.EvidenceTooLarge,
      'unpacked',
      { unpackedBytes },
      { maxBytes, reason: 'unpacked', unpackedBytes },
    );
  }
  // `details.reason` lets a client tell the user what to do: send another kind, save the file again in
  // the format its name says, or save it without macros.
  if (error.reason === 'macros')
    return new QcycleError(QcycleErrorCode.EvidenceTypeRefused, 'macros', {}, { reason: 'macros' });
  if (error.reason === 'scripts')
    return new QcycleError(QcycleErrorCode.EvidenceTypeRefused, 'scripts', {}, { reason: 'scripts' });
  if (error.reason === 'program')
    return new QcycleError(QcycleErrorCode.EvidenceTypeRefused, 'program', {}, { reason: 'program' });
  if (error.reason === 'content-mismatch')
    return new QcycleError(QcycleErrorCode.EvidenceTypeRefused, 'content', {}, { reason: 'content' });
  return new QcycleError(
    QcycleErrorCode.EvidenceTypeRefused,
    'default',
    { accepted: ACCEPTED_EXTENSIONS.map((extension) => `.${extension}`) },
    { reason: 'type' },
  );
}

/** What multer or the engine failed with, as an answer: ours as they are, the form's faults as 422. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof QcycleError) return error;
  if (error instanceof EvidenceRefusedError) return refused(error, maxBytes);
  const code = (error as { code?: unknown }).code;
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
    return new QcycleError(QcycleErrorCode.EvidenceUploadInvalid, 'oneFile');
  if (typeof code === 'string' && code.startsWith('LIMIT_'))
    return new QcycleError(QcycleErrorCode.EvidenceUploadInvalid, 'onlyFields');
  return new QcycleError(QcycleErrorCode.EvidenceUploadInvalid, 'unreadable', {
    reason: error instanceof Error ? error.message : String(error),
  });
}

/** The client's file name without any path, control or bidi characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  if (base.length <= 200) return base;
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(base)?.[0] ?? '';
  return base.slice(0, 200 - extension.length) + extension;
}

/** `attachment` with an ASCII name for old clients and the exact name in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^A-Za-z0-9._ -]/g, '_')
      .trim() || 'evidence';
  const exact = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
