import type { DataSource } from 'typeorm';
import { evidenceListOf, evidenceReference } from '@qcycle/contracts';
import { EvidenceFileEntity, TaskEntity } from '@qcycle/persistence';

/**
 * The papers the leader signs, and the answers that record them (docs/documents.md "The signed
 * papers beside the documents printed"): the decision, by the approval round that approved it; the
 * minutes, by the management review held. Their scans are that task's evidence.
 */
const SIGNING_TASKS = { approval: 'objectives-approval', review: 'management-review' } as const;

/** The record type of a signed paper's scans: the approving round's (`approval`) or the review's. */
export type SignedPaperRecordType = keyof typeof SIGNING_TASKS;

/** The register's type of the paper each record's answer signs. */
export const SIGNED_PAPER_TYPES = {
  approval: 'objectives-decision',
  review: 'review-minutes',
} as const satisfies Record<SignedPaperRecordType, string>;

/** Whether a record type is one whose scans, added after the answer, are of a signed paper. */
export const isSignedPaperRecord = (recordType: string): recordType is SignedPaperRecordType =>
  Object.hasOwn(SIGNING_TASKS, recordType);

/** A file of a signed paper's record, as far as its scans are told apart. */
export type SignedPaperFile = Pick<
  EvidenceFileEntity,
  'id' | 'sha256' | 'afterAnswer' | 'withdrawnAt' | 'erasedAt'
>;

/** The answer that recorded the paper. */
export type SigningAnswer = Pick<TaskEntity, 'id' | 'kind' | 'status' | 'outcome'>;

/**
 * Whether a task's answer recorded a paper its leader signs: the approval round that approved (a
 * round the leader returned signed nothing), or the management review held.
 */
export const recordsSignedPaper = (task: Pick<TaskEntity, 'kind' | 'status' | 'outcome'>): boolean =>
  task.status === 'completed' &&
  (task.kind === SIGNING_TASKS.review ||
    (task.kind === SIGNING_TASKS.approval && task.outcome?.decision === 'approve'));

/** The answer that recorded the year's paper of this kind ({@link recordsSignedPaper}); null before. */
export async function signingAnswer(
  dataSource: DataSource,
  cycleId: string,
  recordType: SignedPaperRecordType,
): Promise<SigningAnswer | null> {
  const answered = await dataSource.getRepository(TaskEntity).findOne({
    select: { id: true, kind: true, status: true, outcome: true },
    where: { cycleId, kind: SIGNING_TASKS[recordType], status: 'completed' },
    order: { closedAt: 'DESC' },
  });
  return answered && recordsSignedPaper(answered) ? answered : null;
}

/**
 * What the signed paper rests on: what its answer named, and the files uploaded to the answer's
 * record once it was answered (the paper signed after qcycle recorded it), oldest first, a content
 * already listed not again, and none withdrawn as the wrong paper. A file whose content was erased is
 * no scan any more, named or added: the paper is then without it, as if never scanned. `onRecord`:
 * the files of that record, as uploaded.
 */
export function signedPaperEvidence(
  answered: SigningAnswer,
  onRecord: readonly SignedPaperFile[],
): { named: string[]; added: string[] } {
  const erased = new Set(onRecord.filter((file) => file.erasedAt).map((file) => evidenceReference(file.id)));
  const named = evidenceListOf(answered.outcome?.evidence).filter((item) => !erased.has(item));
  const listed = new Set(
    onRecord.filter((file) => named.includes(evidenceReference(file.id))).map((file) => file.sha256),
  );
  const added: string[] = [];
  for (const file of onRecord) {
    if (!file.afterAnswer || file.withdrawnAt || file.erasedAt || listed.has(file.sha256)) continue;
    listed.add(file.sha256);
    added.push(evidenceReference(file.id));
  }
  return { named, added };
}

/**
 * What the paper `answered` recorded rests on ({@link signedPaperEvidence}), read from the files of
 * its record (`onRecord`, oldest first).
 */
export async function signedPaperEvidenceOnRecord(
  dataSource: DataSource,
  cycleId: string,
  recordType: SignedPaperRecordType,
  answered: SigningAnswer,
): Promise<{ named: string[]; added: string[]; onRecord: SignedPaperFile[] }> {
  const onRecord = await dataSource.getRepository(EvidenceFileEntity).find({
    select: { id: true, sha256: true, afterAnswer: true, withdrawnAt: true, erasedAt: true },
    where: { cycleId, recordType, recordKey: answered.id },
    order: { uploadedAt: 'ASC', id: 'ASC' },
  });
  return { ...signedPaperEvidence(answered, onRecord), onRecord };
}

/**
 * Whether the year's signed paper of this kind has a scan on record: a file its answer named, or one
 * added to its record since, as the documents page lists beside it. False before it is recorded.
 */
export async function hasSignedScan(
  dataSource: DataSource,
  cycleId: string,
  recordType: SignedPaperRecordType,
): Promise<boolean> {
  const answered = await signingAnswer(dataSource, cycleId, recordType);
  if (!answered) return false;
  const { named, added, onRecord } = await signedPaperEvidenceOnRecord(
    dataSource,
    cycleId,
    recordType,
    answered,
  );
  const files = new Set(
    onRecord.filter((file) => !file.withdrawnAt).map((file) => evidenceReference(file.id)),
  );
  return [...named, ...added].some((reference) => files.has(reference));
}

/** The year's signed papers recorded so far, each with its answer, and which files are their scans. */
export interface SignedPaperScans {
  papers: { recordType: SignedPaperRecordType; answered: SigningAnswer }[];
  /** A file's id → the paper it is a scan of (by its record type). */
  scans: Map<string, SignedPaperRecordType>;
}

/**
 * Which of the year's files (`evidence`: the cycle's, as uploaded) are scans of a paper the leader
 * signed (the decision once approved, the minutes once the review is held): those the paper's answer
 * named or its record had added since ({@link signedPaperEvidence}, as the documents page lists
 * them), and any other file of that record with the same content (the same paper scanned again), but
 * none withdrawn as the wrong paper nor erased. The dossier's index and the year's files say the same.
 */
export async function signedPaperScans(
  dataSource: DataSource,
  cycleId: string,
  evidence: readonly (SignedPaperFile & Pick<EvidenceFileEntity, 'recordType' | 'recordKey'>)[],
): Promise<SignedPaperScans> {
  const papers: SignedPaperScans['papers'] = [];
  const scans = new Map<string, SignedPaperRecordType>();
  for (const recordType of Object.keys(SIGNING_TASKS) as SignedPaperRecordType[]) {
    const answered = await signingAnswer(dataSource, cycleId, recordType);
    if (!answered) continue;
    papers.push({ recordType, answered });
    const onRecord = evidence.filter(
      (file) => file.recordType === recordType && file.recordKey === answered.id,
    );
    const { named, added } = signedPaperEvidence(answered, onRecord);
    const listed = new Set([...named, ...added]);
    const contents = new Set(
      onRecord.filter((file) => listed.has(evidenceReference(file.id))).map((file) => file.sha256),
    );
    for (const file of onRecord)
      if (contents.has(file.sha256) && !file.withdrawnAt && !file.erasedAt) scans.set(file.id, recordType);
  }
  return { papers, scans };
}
