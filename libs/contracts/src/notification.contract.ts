import type { LocalizedText, ReportedFigure } from '@qcycle/domain';
import type { PersonRef } from './roster.contract';
import type { UrgedAlongside } from './task.contract';

/**
 * Why a person is told about a task. `next-year-draft`: the year closed and next year's draft is
 * ready for the Quality Representative to start (no task behind it, so no task link; the "task" is
 * the draft). `corrected`: a reported period's figures were corrected by someone else — the
 * reporter is told of the unit head's correction, the unit head of the reporter's (the task is
 * completed: its page, behind the usual sign-in, not a task link). `reassigned-away`: the task was
 * handed from the recipient to someone else (`assignee`) by another person; they may still finish
 * it, but it is no longer theirs to answer for (its page, behind the sign-in: their link is void).
 * `urged`: the Quality Representative, the unit head or the lead auditor asks the assignee to finish
 * the task ("đôn đốc"), with the task's link (`urge` says who, and their message); those who answer
 * for the task get a copy (`assignee` names whose it is). `commented`: someone
 * wrote about the task to the others in its conversation (`comment` says who, and what).
 * `entered-on-paper`: the recipient's answer, given on paper, was entered for them by the Quality
 * Representative (`enteredOnPaper` says who, when and what; the task is completed: its page, behind
 * the sign-in, not a task link). `paper-to-scan`: a paper the leader signs (the decision, the review's
 * minutes) was recorded without its scan, and the văn thư is asked to add it (no task behind it, so
 * no task link: the year's documents page, where the scan is added; {@link SignedPaperScanRequest}).
 * `evidence-erased`: the Quality Representative erased the content of a file the recipient uploaded
 * (`erasure` says who, when, which file and why; the record's task page, behind the sign-in, not a
 * task link; {@link EvidenceErasedNoticeRequest}).
 */
export type TaskNotificationReason =
  | 'assigned'
  | 'reminder'
  | 'escalated'
  | 'reassigned'
  | 'reassigned-away'
  | 'cancelled'
  | 'next-year-draft'
  | 'corrected'
  | 'urged'
  | 'commented'
  | 'entered-on-paper'
  | 'paper-to-scan'
  | 'evidence-erased';

/**
 * What the notification activity needs to tell one person about one task: everything is in the
 * input, so sending does not depend on any other record being written first.
 */
export interface TaskNotificationRequest {
  /** Unique per (task, reason, recipient, occasion): the same id is sent at most once. */
  notificationId: string;
  taskId: string;
  cycleId: string;
  reason: TaskNotificationReason;
  recipient: PersonRef;
  /** The task's assignee, when the recipient is someone else (an escalation to the unit head). */
  assignee?: PersonRef;
  taskTitle: LocalizedText;
  /** ISO-8601 instant; absent for tasks without a deadline. */
  dueAt?: string;
  /**
   * `corrected`: who corrected the figures (`byUserId`: a notice meant for someone who left never
   * goes to them instead), why, each indicator's figure before and after, and what the correction
   * rests on as it gave it (texts, and files as `evidence:<id>`, which the mail names) — the mail
   * reads on its own; the report's page has the rest.
   */
  correction?: {
    byName: string;
    byUserId?: string;
    reason: string;
    changes?: CorrectedFigure[];
    evidence?: string[];
  };
  /**
   * `urged`: who urges the assignee, and the few words they wrote, when any; in a copy, the unit's
   * other tasks urged by the same request (`alsoUrged`), which the copy lists.
   */
  urge?: { byName: string; note?: string; alsoUrged?: UrgedAlongside[] };
  /** `commented`: who wrote about the task, and their message as written (its lines kept). */
  comment?: { byName: string; text: string };
  /**
   * `entered-on-paper`: who entered the recipient's answer given on paper, when (ISO-8601 instant),
   * and what was entered, so that the one whose name it carries can check it against what they
   * signed.
   */
  enteredOnPaper?: PaperAnswerEntered;
  /**
   * `evidence-erased`: who erased the file's content, when (ISO-8601 instant), the file as uploaded
   * and why, so that the one who uploaded it knows what is gone and may upload what should be there.
   */
  erasure?: { byName: string; at: string; fileName: string; reason: string };
}

/** An answer given on paper as it was entered: the approval's or the management review's. */
export interface PaperAnswerEntered {
  byName: string;
  at: string;
  /** The objectives' approval: approved by a decision (its number, the day signed), or returned with comments. */
  approval?:
    | { decision: 'approve'; documentNumber: string; signingDate?: string }
    | { decision: 'return'; comments: string };
  /** The management review: the minutes' reference and the day the meeting was held. */
  review?: { minutesRef?: string; heldOn?: string };
  /**
   * What the answer rests on, as it named it: the scan of the signed decision or minutes, of the draft
   * written on (`evidence:<id>`), a paper record as written.
   */
  evidence?: string[];
}

/** One indicator's figure as a correction changed it, for the mail to write in words. */
export interface CorrectedFigure {
  indicator: LocalizedText;
  before?: ReportedFigure;
  after: ReportedFigure;
}

export interface TaskNotificationResult {
  notificationId: string;
  /** `sent` by e-mail, `recorded` only (no e-mail address or no SMTP configured), or `duplicate`. */
  delivery: 'sent' | 'recorded' | 'duplicate';
}

/**
 * A paper the leader signed recorded without its scan: the decision approved, or the review's
 * minutes, by an answer that named no file (docs/notifications.md "The văn thư, of a signed paper to
 * scan"). Each active văn thư of the organisation (role `clerk`) is told, once; without one, its
 * Quality Representative.
 */
export interface SignedPaperScanRequest {
  /** The notice's own id, not a task's; each văn thư's is `${noticeId}/${userId}`. */
  noticeId: string;
  cycleId: string;
  organisationCode: string;
  /** The paper as the notice names it: `Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026`. */
  paper: LocalizedText;
}

/**
 * The id of the notice asking for a paper's scan, `${workflowId}/paper-to-scan`: the workflow that
 * recorded the paper (the approval's, the review's) names it, and the bell tells the two apart by it.
 */
export const paperToScanNoticeId = (recordingWorkflowId: string): string =>
  `${recordingWorkflowId}/paper-to-scan`;

/**
 * A file whose content the Quality Representative erased (docs/evidence.md "Erasing a file's
 * content"): its uploader is told, once, unless it was the one who erased it (docs/notifications.md
 * "The uploader, of a file erased"). The API starts one workflow per file.
 */
export interface EvidenceErasedNoticeRequest {
  evidenceId: string;
}

/** The workflow type the worker registers and the API starts, once a file's content is erased. */
export const EVIDENCE_ERASED_NOTICE_WORKFLOW = 'evidenceErasedNotice';

/**
 * One workflow per erased file, by its id, which is also the notice's: erasing the file again (a
 * retry) tells nobody twice.
 */
export const evidenceErasedNoticeId = (evidenceId: string): string => `evidence-erased/${evidenceId}`;

/** The erased file an `evidence-erased` notice's id names (a stand-in's copy's id too); null for any other id. */
export const erasedEvidenceIdOf = (noticeId: string): string | null =>
  /^evidence-erased\/([^/]+)/.exec(noticeId)?.[1] ?? null;

/** The activity the workflows call to notify people (implemented in activities/src/notifications). */
export interface NotificationActivities {
  sendTaskNotification(request: TaskNotificationRequest): Promise<TaskNotificationResult>;
  /** Tells each văn thư (else the Quality Representative) of a signed paper to scan; how many were told. */
  askClerksForScan(request: SignedPaperScanRequest): Promise<{ told: number }>;
  /** Tells the person who uploaded an erased file that its content is gone; how many were told (0 or 1). */
  tellUploaderOfErasure(request: EvidenceErasedNoticeRequest): Promise<{ told: number }>;
}
