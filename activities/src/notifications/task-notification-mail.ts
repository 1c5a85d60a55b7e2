import {
  EN_SHORT_MONTHS,
  escapeHtml,
  instantToVnLocal,
  taskTitleLine,
  type Language,
  type ReportedFigure,
} from '@qcycle/domain';
import { evidenceIdOf, type TaskNotificationReason, type TaskNotificationRequest } from '@qcycle/contracts';

/** One e-mail, ready to send and to keep as the record of what was said. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface TaskMailLink {
  url: string;
  expiresAt: string;
}

/**
 * A moment in Vietnam time (UTC+07:00) as the web app's pages write it (apps/web/src/ui/dates.ts),
 * so that the mail and the page it opens say the same: Vietnamese `2024-04-05T10:00:00.000Z` →
 * `17:00 05/04/2024`; English → `5 Apr 2024, 17:00` (the month in words: 05/04 is never read as
 * the fourth of May).
 */
export function formatVietnamDateTime(instant: string, language: Language = 'vi'): string {
  const { date, time } = instantToVnLocal(instant);
  return language === 'en' ? `${formatDay(date, language)}, ${time}` : `${time} ${formatDay(date, language)}`;
}

/** A calendar day `YYYY-MM-DD` as the pages write it: `05/01/2024`; English `5 Jan 2024`. */
export function formatDay(date: string, language: Language = 'vi'): string {
  const [year, month, day] = date.split('-');
  return language === 'en'
    ? `${Number(day)} ${EN_SHORT_MONTHS[Number(month) - 1]} ${year}`
    : `${day}/${month}/${year}`;
}

/** `${publicUrl}/tasks/${taskId}?token=…`, every part encoded. */
export function taskLinkUrl(publicUrl: string, taskId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tasks/${encodeURIComponent(taskId)}?token=${encodeURIComponent(token)}`;
}

/** What the mail says besides the request, from the records when it is written. */
export interface TaskMailContext {
  /** The task's cycle is a rehearsal: the mail says so in its subject and first line. */
  rehearsal?: boolean;
  /**
   * A reassigned task: told to its new assignee, who had it, who handed it on, and why; told to the
   * one it was taken from, who handed it on and why (the new assignee is the request's `assignee`).
   */
  reassignment?: { fromName?: string; byName?: string; reason?: string };
  /** Next year's draft (no task, no task link): the closed cycle's page, where next year starts. */
  cyclePage?: string;
  /** A signed paper to scan (no task, no task link): the year's documents page, where the scan is added. */
  documentsPage?: string;
  /**
   * The task's page, behind the sign-in, for a notice no task link serves: figures corrected (a
   * completed report, with both values); a task handed away from the recipient (their link is void).
   */
  taskPage?: string;
  /**
   * Figures corrected, or an answer entered from paper, with files as evidence: each file's name by
   * its reference (`evidence:<id>`).
   */
  evidenceNames?: Record<string, string>;
  /** Next year's cycle was started before this year closed (from its approved decision): nothing left to start. */
  nextYearStarted?: boolean;
  /**
   * An escalation to someone who may enter the assignee's answer given on paper: the leader's
   * approval or review to the Quality Representative (`PAPER_ANSWERED_KINDS`).
   */
  entersOnPaper?: boolean;
  /**
   * The task was given after its due instant (its record's `openedAfterDue`: a year adopted or
   * approved late): the assigned (and reassigned) mail says the date had passed when it was given;
   * a measurement report's, that a report already made on paper is entered with its date and number.
   */
  givenLate?: { measurementReport: boolean };
  /**
   * The notice was meant for someone who has left the directory and goes to `standInRole` instead
   * (activities/src/notifications/departed-recipient.ts): the mail names who it was meant for and
   * why it comes to this recipient. `held`: the task is still assigned to the person who left, and
   * the recipient is asked to hand it over; otherwise an escalation meant for them.
   */
  departed?: { name: string; held: boolean; standInRole: 'unit-head' | 'quality-representative' };
}

/** The role in which a notice meant for someone who left comes to its recipient, in words. */
const VI_STAND_IN = {
  'unit-head': 'trưởng đơn vị',
  'quality-representative': 'Đại diện chất lượng',
} as const;
const EN_STAND_IN = {
  'unit-head': 'the unit head',
  'quality-representative': 'the Quality Representative',
} as const;

interface Wording {
  /** What the subject says before the title; none: the title says it all (next year's draft). */
  subject: Record<TaskNotificationReason, string | undefined>;
  lead: Record<TaskNotificationReason, (title: string, assignee?: string) => string>;
  /** Next year's draft when next year already runs: what the close still did for it. */
  nextYearAlreadyStarted: (title: string) => string;
  greeting: (name: string) => string;
  due: (when: string) => string;
  /** An escalation's due date: passed, which is why the mail is sent. */
  overdueSince: (when: string) => string;
  /** A task given after its due date: why it is overdue at once, and what a paper report can do. */
  givenLate: { passed: string; paperReport: string };
  reassignment: { from: string; by: string; reason: string };
  /**
   * An urge: who asks the assignee to finish the task, and their message; in a copy, the unit's
   * other tasks urged at once (`others`: how many, heading the list; `item`: one of them; `subject`:
   * what the subject adds after the title).
   */
  urge: {
    by: string;
    note: string;
    others: (count: number) => string;
    item: (title: string, assignee: string, due?: string) => string;
    subject: (count: number) => string;
  };
  /** A message about the task: who wrote it, and what (its lines as written). */
  comment: { by: string; text: string };
  /** Told to the one a task was taken from: they may still finish it. */
  handedAway: string;
  /** Told to the Quality Representative of the leader's overdue answer: they may enter one given on paper. */
  entersOnPaper: string;
  /** A signed paper to scan: what the văn thư does, and until when it can be done. */
  scan: string;
  /** A file's content erased: which, by whom, when, why, what stays, and what the uploader may do. */
  erasure: { file: string; by: string; at: string; reason: string; kept: string; replace: string };
  /** Told to the one whose answer given on paper was entered for them: who entered what, and when. */
  paperAnswer: {
    by: string;
    at: string;
    answer: string;
    approve: string;
    return: string;
    decision: (number: string, signedOn?: string) => string;
    comments: string;
    minutes: (ref?: string, heldOn?: string) => string;
    /** What the answer rests on: the signed paper's scan, the draft written on, a paper record. */
    evidence: string;
    check: (by: string) => string;
  };
  /** Figures corrected: who corrected them, why, on what, what changed, and where the figures before and after are. */
  correction: {
    by: string;
    reason: string;
    /** The correction's own evidence; a file whose name is not known is "{unnamedFile} {id's start}". */
    evidence: string;
    unnamedFile: string;
    changed: string;
    achieved: string;
    notAchieved: string;
    pendingOverdue: (count: string) => string;
    where: string;
  };
  /** A notice meant for someone who left, sent to the one who can act on it instead. */
  departed: {
    /** The subject of a task still held by someone who left: it needs handing over. */
    subject: string;
    /** What happened, by the notice's occasion, for a task held by `name`. */
    held: Record<'assigned' | 'reminder' | 'escalated', (title: string, name: string) => string>;
    /** A task held by `name`: that the notice was theirs, and in which role it comes to the recipient. */
    sentInstead: (name: string, as: 'unit-head' | 'quality-representative') => string;
    /** An escalation: whom it was meant for, that they left, and in which role it comes to the recipient. */
    meantFor: (name: string, as: 'unit-head' | 'quality-representative') => string;
    /** Asks to hand a task held by someone who left over, and says where. */
    handOver: string;
    /** An escalation: the task may be handed over, where. */
    mayHandOver: string;
  };
  open: string;
  linkNote: (expiry: string) => string;
  openCycle: string;
  openReport: string;
  openTaskPage: string;
  openDocuments: string;
  cycleNote: string;
  signature: string[];
  /** A rehearsal's mail says so in its subject and first line: a trainee must not take it for the real year. */
  rehearsal: { tag: string; note: string };
}

const WORDING: Record<Language, Wording> = {
  vi: {
    subject: {
      assigned: 'Việc mới',
      reminder: 'Nhắc việc',
      escalated: 'Việc quá hạn',
      reassigned: 'Việc được giao lại',
      'reassigned-away': 'Việc đã giao cho người khác',
      cancelled: 'Việc đã hủy',
      'next-year-draft': undefined,
      corrected: 'Số liệu đã được sửa',
      urged: 'Đôn đốc',
      commented: 'Trao đổi về việc',
      'entered-on-paper': 'Đã ghi nhận ý kiến của ông/bà',
      'paper-to-scan': 'Văn bản đã ký cần bản chụp',
      'evidence-erased': 'Nội dung tệp minh chứng đã bị xóa',
    },
    lead: {
      assigned: (t) => `Ông/Bà được giao việc "${t}".`,
      reminder: (t) => `Xin nhắc ông/bà hoàn thành việc "${t}".`,
      escalated: (t, a) =>
        a
          ? `Việc "${t}" giao cho ${a} đã quá hạn mà chưa hoàn thành; xin báo để ông/bà theo dõi, đôn đốc xử lý.`
          : `Việc "${t}" của ông/bà đã quá hạn mà chưa hoàn thành; xin ông/bà hoàn thành ngay.`,
      reassigned: (t) => `Việc "${t}" đã được giao lại cho ông/bà.`,
      'reassigned-away': (t, a) =>
        `Việc "${t}" đã được giao cho ${a ?? 'người khác'}; ông/bà không còn phụ trách việc này.`,
      cancelled: (t) => `Việc "${t}" đã bị hủy; ông/bà không cần thực hiện việc này nữa.`,
      corrected: (t) => `Số liệu đã báo cáo của việc "${t}" vừa được sửa.`,
      urged: (t, a) =>
        a
          ? `Việc "${t}" giao cho ${a} vừa được đôn đốc; xin báo để ông/bà theo dõi.`
          : `Xin ông/bà sớm hoàn thành việc "${t}".`,
      commented: (t, a) =>
        a
          ? `Có ý kiến trao đổi mới về việc "${t}" giao cho ${a}.`
          : `Có ý kiến trao đổi mới về việc "${t}" của ông/bà.`,
      'entered-on-paper': (t) =>
        `Ý kiến ông/bà cho trên giấy về việc "${t}" đã được ghi nhận thay ông/bà trên qcycle.`,
      'paper-to-scan': (t) =>
        `${t} đã được ghi nhận trên qcycle là đã ký, nhưng hồ sơ chưa có bản chụp của văn bản đã ký.`,
      'evidence-erased': (t) =>
        `Đại diện chất lượng đã xóa nội dung một tệp minh chứng ông/bà tải lên hồ sơ "${t}".`,
      'next-year-draft': (t) =>
        `${t}. Dự thảo mục tiêu chất lượng năm sau đã được chuẩn bị từ quyết định năm nay và các hành động sau họp xem xét của lãnh đạo. Xin ông/bà xem lại dự thảo và khởi tạo chu trình năm sau trên trang của chu trình năm nay.`,
    },
    nextYearAlreadyStarted: (t) =>
      `${t}. Chu trình năm sau đã được khởi tạo trước khi năm nay kết thúc, ông/bà không cần khởi tạo lại. Các hành động sau họp xem xét của lãnh đạo năm nay, với tình trạng khi kết thúc năm, sẽ được đưa vào cuộc họp xem xét năm sau.`,
    greeting: (n) => `Kính gửi ông/bà ${n},`,
    due: (w) => `Hạn hoàn thành: ${w} (giờ Việt Nam)`,
    overdueSince: (w) => `Quá hạn từ: ${w} (giờ Việt Nam)`,
    givenLate: {
      passed:
        'Hạn này đã qua khi việc được giao (việc giao sau hạn, do cơ quan bắt đầu dùng qcycle giữa năm hoặc mục tiêu được phê duyệt muộn): việc quá hạn ngay từ lúc giao, không phải do ông/bà chậm trễ, và vẫn cần hoàn thành sớm.',
      paperReport:
        'Nếu số liệu kỳ này đã được báo cáo bằng văn bản giấy, khi nhập số liệu ông/bà ghi kèm ngày và số, ký hiệu của văn bản: báo cáo được tính đúng hạn hay trễ hạn theo ngày của văn bản.',
    },
    reassignment: {
      from: 'Trước đây việc được giao cho',
      by: 'Người giao lại',
      reason: 'Lý do',
    },
    urge: {
      by: 'Người đôn đốc',
      note: 'Lời nhắn',
      others: (n) => `Cùng lúc, ${n} việc khác của đơn vị cũng được đôn đốc:`,
      item: (t, a, d) => `- "${t}", giao cho ${a}${d ? `, hạn ${d}` : ''}`,
      subject: (n) => ` và ${n} việc khác`,
    },
    comment: { by: 'Người viết', text: 'Nội dung' },
    handedAway: 'Nếu cần, ông/bà vẫn mở được việc này và có thể hoàn thành thay người được giao.',
    scan: 'Khi văn bản đã được ký, đóng dấu, xin ông/bà chụp hoặc quét văn bản và thêm bản chụp trên trang Văn bản của chu trình: bấm "Thêm bản đã ký (bản chụp)" ở dòng của văn bản. Bản chụp được lưu vào hồ sơ của năm; sau khi chu trình kết thúc thì không thêm được nữa.',
    erasure: {
      file: 'Tệp',
      by: 'Người xóa',
      at: 'Xóa lúc',
      reason: 'Lý do',
      kept: 'Nội dung tệp đã bị xóa khỏi máy chủ và không ai tải được nữa; hồ sơ vẫn ghi tên tệp, ai tải lên, ai xóa, khi nào và lý do.',
      replace:
        'Nếu hồ sơ cần một tệp thay thế (ví dụ bản đã che thông tin cá nhân), xin ông/bà tải tệp đó lên hồ sơ này, hoặc báo Đại diện chất lượng.',
    },
    entersOnPaper:
      'Nếu lãnh đạo đã cho ý kiến trên giấy (ký quyết định, ký biên bản họp hoặc ghi ý kiến vào dự thảo in), ông/bà ghi nhận thay trên trang của việc.',
    paperAnswer: {
      by: 'Người ghi nhận',
      at: 'Ghi nhận lúc',
      answer: 'Ý kiến',
      approve: 'Phê duyệt',
      return: 'Trả lại dự thảo để chỉnh sửa',
      decision: (n, d) => `Quyết định số ${n}${d ? `, ký ngày ${d}` : ''}`,
      comments: 'Nội dung ý kiến',
      minutes: (r, d) => `Biên bản họp${r ? ` ${r}` : ''}${d ? `, họp ngày ${d}` : ''}`,
      evidence: 'Kèm theo',
      check: (by) => `Nếu nội dung ghi nhận khác với văn bản ông/bà đã ký, xin báo ngay cho ${by}.`,
    },
    correction: {
      by: 'Người sửa',
      reason: 'Lý do sửa',
      evidence: 'Minh chứng của lần sửa',
      unnamedFile: 'tệp minh chứng',
      changed: 'Số liệu đã sửa (trước → sau)',
      achieved: 'đạt',
      notAchieved: 'không đạt',
      pendingOverdue: (n) => `đang giải quyết đã quá hạn: ${n}`,
      where: 'Số liệu trước và sau khi sửa được lưu trên trang của báo cáo và trong lịch sử của chu trình.',
    },
    departed: {
      subject: 'Việc cần giao lại',
      held: {
        assigned: (t, n) =>
          `Việc "${t}" được giao cho ${n}, người nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác): không có ai thực hiện việc này.`,
        reminder: (t, n) =>
          `Việc "${t}" vẫn đang giao cho ${n}, người nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác), và chưa được hoàn thành.`,
        escalated: (t, n) =>
          `Việc "${t}" giao cho ${n}, người nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác), đã quá hạn mà chưa hoàn thành.`,
      },
      sentInstead: (n, as) =>
        `Thông báo này lẽ ra gửi ${n}, nay được gửi đến ông/bà với tư cách ${VI_STAND_IN[as]}.`,
      meantFor: (n, as) =>
        `Thông báo này lẽ ra gửi ${n} theo danh sách nhân sự đầu năm; ${n} nay không còn trong danh bạ của cơ quan (đã nghỉ hoặc chuyển công tác), nên được gửi đến ông/bà với tư cách ${VI_STAND_IN[as]}.`,
      handOver:
        'Xin ông/bà giao lại việc cho người khác trên trang của việc: đăng nhập qcycle, mở việc và chọn "Giao việc này cho người khác".',
      mayHandOver:
        'Nếu cần, ông/bà có thể giao lại việc cho người khác trên trang của việc: đăng nhập qcycle, mở việc và chọn "Giao việc này cho người khác".',
    },
    open: 'Mở việc',
    linkNote: (e) =>
      `Liên kết dành riêng cho ông/bà, chỉ dùng được một lần và hết hạn lúc ${e} (giờ Việt Nam). Khi liên kết đã dùng hoặc đã hết hạn, mở liên kết sẽ dẫn ông/bà đăng nhập qcycle để vào đúng việc này.`,
    openCycle: 'Mở trang chu trình',
    openReport: 'Mở trang báo cáo',
    openTaskPage: 'Mở trang của việc',
    openDocuments: 'Mở trang Văn bản',
    cycleNote: 'Cần đăng nhập qcycle để mở trang này.',
    signature: [
      'Trân trọng,',
      'Hệ thống quản lý chất lượng qcycle (TCVN ISO 9001:2015)',
      'Đây là thư tự động, xin không trả lời thư này.',
    ],
    rehearsal: {
      tag: 'Diễn tập',
      note: 'Việc thuộc chu trình diễn tập (tập huấn), không phải năm thật: kết quả không có giá trị pháp lý.',
    },
  },
  en: {
    subject: {
      assigned: 'New task',
      reminder: 'Reminder',
      escalated: 'Overdue task',
      reassigned: 'Task reassigned to you',
      'reassigned-away': 'Task handed to someone else',
      cancelled: 'Task cancelled',
      'next-year-draft': undefined,
      corrected: 'Figures corrected',
      urged: 'Follow-up',
      commented: 'Message about a task',
      'entered-on-paper': 'Your answer entered',
      'paper-to-scan': 'Signed paper to scan',
      'evidence-erased': 'Evidence file content erased',
    },
    lead: {
      assigned: (t) => `You have been assigned the task "${t}".`,
      reminder: (t) => `A reminder to complete the task "${t}".`,
      escalated: (t, a) =>
        a
          ? `The task "${t}" assigned to ${a} is overdue and not done; you are told so that you can follow it up.`
          : `Your task "${t}" is overdue and not done; please complete it now.`,
      reassigned: (t) => `The task "${t}" has been reassigned to you.`,
      'reassigned-away': (t, a) =>
        `The task "${t}" has been given to ${a ?? 'someone else'}; it is no longer yours to answer for.`,
      cancelled: (t) => `The task "${t}" has been cancelled; you need not do it any more.`,
      corrected: (t) => `The figures reported in the task "${t}" have been corrected.`,
      urged: (t, a) =>
        a
          ? `The task "${t}" given to ${a} has just been followed up; you are told so that you can keep track of it.`
          : `Please complete the task "${t}" soon.`,
      commented: (t, a) =>
        a
          ? `There is a new message about the task "${t}" assigned to ${a}.`
          : `There is a new message about your task "${t}".`,
      'entered-on-paper': (t) =>
        `The answer you gave on paper to the task "${t}" has been entered in qcycle on your behalf.`,
      'paper-to-scan': (t) =>
        `${t} has been recorded in qcycle as signed, but the record has no scan of the signed paper.`,
      'evidence-erased': (t) =>
        `The Quality Representative has erased the content of an evidence file you uploaded to the record "${t}".`,
      'next-year-draft': (t) =>
        `${t}. Next year's draft of the quality objectives has been prepared from this year's decision and the actions after the management review. Please review it and start next year's cycle from this year's cycle page.`,
    },
    nextYearAlreadyStarted: (t) =>
      `${t}. Next year's cycle was started before this year closed: there is nothing to start again. This year's actions after the management review, with their status at the close, go to next year's management review.`,
    greeting: (n) => `Dear ${n},`,
    due: (w) => `Due: ${w} (Vietnam time, UTC+07:00)`,
    overdueSince: (w) => `Overdue since: ${w} (Vietnam time, UTC+07:00)`,
    givenLate: {
      passed:
        'This due date had already passed when the task was assigned (qcycle adopted mid-year, or the objectives approved late): the task is overdue from the start, through no delay of yours, and still needs doing soon.',
      paperReport:
        "If the figures for this period were already reported on paper, enter the paper's date and number with them: the report is then on time or late by the paper's date.",
    },
    reassignment: { from: 'Previously assigned to', by: 'Reassigned by', reason: 'Reason' },
    urge: {
      by: 'Followed up by',
      note: 'Message',
      others: (n) =>
        `At the same time, ${n === 1 ? 'one other task' : `${n} other tasks`} of the unit were followed up:`,
      item: (t, a, d) => `- "${t}", assigned to ${a}${d ? `, due ${d}` : ''}`,
      subject: (n) => ` and ${n === 1 ? 'one other task' : `${n} other tasks`}`,
    },
    comment: { by: 'Written by', text: 'Message' },
    handedAway: 'If need be, you can still open the task and complete it on their behalf.',
    scan: "Once the paper is signed and sealed, please scan it and add the scan on the cycle's documents page: \"Add the signed copy (scan)\" on the document's row. The scan is kept in the year's records; once the cycle has closed, none can be added.",
    erasure: {
      file: 'File',
      by: 'Erased by',
      at: 'Erased at',
      reason: 'Reason',
      kept: "The file's content has been removed from the server and nobody can download it any more; the record still names the file, who uploaded it, who erased it, when and why.",
      replace:
        "If the record needs a file in its place (for instance a copy with the personal data blacked out), please upload it to this record, or tell the Quality Representative.",
    },
    entersOnPaper:
      "If the leader answered on paper (signed the decision or the minutes, or wrote on the printed draft), you may enter their answer on the task's page.",
    paperAnswer: {
      by: 'Entered by',
      at: 'Entered at',
      answer: 'Answer',
      approve: 'Approved',
      return: 'Draft returned for revision',
      decision: (n, d) => `Decision No. ${n}${d ? `, signed on ${d}` : ''}`,
      comments: 'Comments',
      minutes: (r, d) => `Minutes${r ? ` ${r}` : ''}${d ? `, meeting held on ${d}` : ''}`,
      evidence: 'Attached',
      check: (by) => `If what was entered differs from what you signed, please tell ${by} at once.`,
    },
    correction: {
      by: 'Corrected by',
      reason: 'Reason for the correction',
      evidence: 'Evidence for the correction',
      unnamedFile: 'evidence file',
      changed: 'Figures corrected (before → after)',
      achieved: 'achieved',
      notAchieved: 'not achieved',
      pendingOverdue: (n) => `overdue and still open: ${n}`,
      where:
        "The figures before and after the correction are kept on the report's page and in the cycle's history.",
    },
    departed: {
      subject: 'Task to hand over',
      held: {
        assigned: (t, n) =>
          `The task "${t}" has been assigned to ${n}, who is no longer in the organisation's directory (left or transferred): nobody is doing it.`,
        reminder: (t, n) =>
          `The task "${t}" is still assigned to ${n}, who is no longer in the organisation's directory (left or transferred), and is not done.`,
        escalated: (t, n) =>
          `The task "${t}" assigned to ${n}, who is no longer in the organisation's directory (left or transferred), is overdue and not done.`,
      },
      sentInstead: (n, as) => `This notice was meant for ${n} and comes to you as ${EN_STAND_IN[as]}.`,
      meantFor: (n, as) =>
        `This notice was meant for ${n}, under the roster the year started with; ${n} is no longer in the organisation's directory (left or transferred), so it comes to you as ${EN_STAND_IN[as]}.`,
      handOver:
        'Please hand the task over to someone else on its page: sign in to qcycle, open the task and choose "Give this task to someone else".',
      mayHandOver:
        'If need be, you can hand the task over to someone else on its page: sign in to qcycle, open the task and choose "Give this task to someone else".',
    },
    open: 'Open the task',
    linkNote: (e) =>
      `This link is for you only, works once and expires at ${e} (Vietnam time). Once used or expired, it leads you to sign in to qcycle and on to this task.`,
    openCycle: "Open the cycle's page",
    openReport: "Open the report's page",
    openTaskPage: "Open the task's page",
    openDocuments: 'Open the documents page',
    cycleNote: 'Sign in to qcycle to open it.',
    signature: [
      'Regards,',
      'qcycle quality management system (ISO 9001:2015)',
      'This is an automated message; please do not reply.',
    ],
    rehearsal: {
      tag: 'Rehearsal',
      note: 'This task belongs to a rehearsal (training), not the real year: what is done in it has no legal effect.',
    },
  },
};

/** How every mail of qcycle ends, in its language (the task notices, the Monday digest). */
export function mailSignature(language: Language): string[] {
  return WORDING[language].signature;
}

/** The language a notice is written in: the recipient's. */
export function recipientLanguage(request: TaskNotificationRequest): Language {
  return request.recipient.locale === 'en' ? 'en' : 'vi';
}

/** The task's title on one line, in that language, its period in words. */
export function taskTitleIn(request: TaskNotificationRequest, language: Language): string {
  return taskTitleLine(request.taskTitle, language);
}

/**
 * The e-mail telling one person about one task, in their language (Vietnamese unless they chose
 * English). The plain-text part reads on its own (many offices read mail as text): each link alone
 * on its line; the HTML part says the same, escaped. A cancelled task gets no link and no due date:
 * there is nothing left to open or to do.
 */
export function renderTaskNotification(
  request: TaskNotificationRequest,
  link: TaskMailLink | undefined,
  context: TaskMailContext = {},
): RenderedMail {
  const language = recipientLanguage(request);
  const words = WORDING[language];
  const title = taskTitleIn(request, language);
  const departed = departedOf(request, context);
  const lead =
    departed?.held && departed.reason !== 'corrected'
      ? words.departed.held[departed.reason](title, departed.name)
      : request.reason === 'next-year-draft' && context.nextYearStarted
        ? words.nextYearAlreadyStarted(title)
        : words.lead[request.reason](title, request.assignee?.name);
  // Said right after what happened: whom the notice was meant for, and what the recipient can do.
  const departedLines = departed
    ? [
        (departed.held ? words.departed.sentInstead : words.departed.meantFor)(
          departed.name,
          departed.standInRole,
        ),
        // A corrected report is completed: there is no task to hand over.
        ...(departed.reason === 'corrected'
          ? []
          : [departed.held ? words.departed.handOver : words.departed.mayHandOver]),
      ]
    : [];
  const when = request.dueAt ? formatVietnamDateTime(request.dueAt, language) : undefined;
  const due =
    // A cancelled task is gone, a corrected report long done, a task handed away someone else's to
    // meet: a deadline would read as still the recipient's to meet.
    when === undefined ||
    request.reason === 'cancelled' ||
    request.reason === 'corrected' ||
    request.reason === 'reassigned-away' ||
    request.reason === 'entered-on-paper' ||
    request.reason === 'evidence-erased'
      ? undefined
      : request.reason === 'escalated'
        ? words.overdueSince(when)
        : words.due(when);
  const facts =
    request.reason === 'reassigned'
      ? reassignmentFacts(words, context.reassignment)
      : request.reason === 'reassigned-away'
        ? // Who had it is the recipient; who has it now is in the lead.
          reassignmentFacts(words, { ...context.reassignment, fromName: undefined })
        : request.reason === 'corrected'
          ? correctionFacts(words, request.correction, language, context.evidenceNames)
          : request.reason === 'urged'
            ? urgeFacts(words, request.urge, language)
            : request.reason === 'commented'
              ? commentFacts(words, request.comment)
              : request.reason === 'entered-on-paper'
                ? paperAnswerFacts(words, request.enteredOnPaper, language, context.evidenceNames)
                : request.reason === 'evidence-erased'
                  ? erasureFacts(words, request.erasure, language)
                  : [];
  // Told to whoever is given the task, the first assignee or a new one; never once it is cancelled.
  // Addressed to the one who is to do the task: not to someone asked to hand it over.
  const givenLate =
    due !== undefined &&
    !departed?.held &&
    (request.reason === 'assigned' || request.reason === 'reassigned') &&
    context.givenLate
      ? [
          words.givenLate.passed,
          ...(context.givenLate.measurementReport ? [words.givenLate.paperReport] : []),
        ]
      : [];
  // The one it was taken from: what they may still do.
  const handedAway = request.reason === 'reassigned-away' ? [words.handedAway] : [];
  const scan = request.reason === 'paper-to-scan' ? [words.scan] : [];
  const erased = request.reason === 'evidence-erased' ? [words.erasure.kept, words.erasure.replace] : [];
  // The leader's overdue answer, to the Quality Representative: they may have given it on paper.
  const onPaper = request.reason === 'escalated' && context.entersOnPaper ? [words.entersOnPaper] : [];
  const note = link ? words.linkNote(formatVietnamDateTime(link.expiresAt, language)) : undefined;
  // A page behind the usual sign-in, for what no task link opens: next year's draft, a completed
  // report, a task handed away from the recipient.
  const page =
    request.reason === 'next-year-draft' && context.cyclePage
      ? { url: context.cyclePage, label: words.openCycle }
      : request.reason === 'paper-to-scan' && context.documentsPage
        ? { url: context.documentsPage, label: words.openDocuments }
        : request.reason === 'corrected' && context.taskPage
          ? { url: context.taskPage, label: words.openReport }
          : (request.reason === 'reassigned-away' ||
                request.reason === 'entered-on-paper' ||
                request.reason === 'evidence-erased') &&
              context.taskPage
            ? { url: context.taskPage, label: words.openTaskPage }
            : request.reason === 'evidence-erased' && context.cyclePage
              ? { url: context.cyclePage, label: words.openCycle }
              : undefined;

  const warning = context.rehearsal ? words.rehearsal.note : undefined;

  const text = [
    words.greeting(request.recipient.name),
    '',
    ...(warning ? [warning, ''] : []),
    lead,
    ...departedLines,
    ...facts,
    ...(due ? [due] : []),
    ...givenLate,
    ...handedAway,
    ...scan,
    ...erased,
    ...onPaper,
    ...(link ? ['', `${words.open}:`, link.url, note as string] : []),
    ...(page ? ['', `${page.label}:`, page.url, words.cycleNote] : []),
    '',
    ...words.signature,
    '',
  ].join('\n');

  const paragraph = (content: string) => `<p style="margin:0 0 12px">${content}</p>`;
  const button = (url: string, label: string) =>
    paragraph(
      `<a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a>`,
    );
  const small = (lines: string[]) =>
    `<p style="margin:0 0 12px;font-size:13px;color:#4b5563">${lines.map(escapeHtml).join('<br>')}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    paragraph(escapeHtml(words.greeting(request.recipient.name))),
    ...(warning
      ? [
          `<p style="margin:0 0 12px;padding:8px 12px;background:#fef3c7;border-left:4px solid #b45309;color:#78350f"><strong>${escapeHtml(warning)}</strong></p>`,
        ]
      : []),
    paragraph(escapeHtml(lead)),
    ...departedLines.map((sentence) => paragraph(escapeHtml(sentence))),
    ...(facts.length > 0 ? [paragraph(facts.map(escapeHtml).join('<br>'))] : []),
    ...(due ? [paragraph(`<strong>${escapeHtml(due)}</strong>`)] : []),
    ...[...givenLate, ...handedAway, ...scan, ...erased, ...onPaper].map((sentence) =>
      paragraph(escapeHtml(sentence)),
    ),
    ...(link ? [button(link.url, words.open), small([note as string, link.url])] : []),
    ...(page ? [button(page.url, page.label), small([words.cycleNote, page.url])] : []),
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${words.signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  const tag = context.rehearsal ? ` [${words.rehearsal.tag}]` : '';
  const what = departed?.held ? words.departed.subject : words.subject[request.reason];
  // A copy of an urge of several tasks says so: "Đôn đốc: <title> và 4 việc khác".
  const alongside = request.reason === 'urged' ? (request.urge?.alsoUrged?.length ?? 0) : 0;
  const more = alongside > 0 ? words.urge.subject(alongside) : '';
  return { subject: `[qcycle]${tag} ${what ? `${what}: ` : ''}${title}${more}`, text, html };
}

/** A fact from a record on one line (a reason typed over several), or nothing when empty. */
const oneLine = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() || undefined;

/**
 * The lines naming who urges the assignee and what they wrote (each only when there); in a copy of an
 * urge of several of a unit's tasks, then the others, each by its title, assignee and due date.
 */
function urgeFacts(words: Wording, urge: TaskNotificationRequest['urge'], language: Language): string[] {
  const by = oneLine(urge?.byName);
  const note = oneLine(urge?.note);
  const others = urge?.alsoUrged ?? [];
  return [
    ...(by ? [`${words.urge.by}: ${by}`] : []),
    ...(note ? [`${words.urge.note}: ${note}`] : []),
    ...(others.length > 0
      ? [
          words.urge.others(others.length),
          ...others.map((other) =>
            words.urge.item(
              taskTitleLine(other.title, language),
              oneLine(other.assigneeName) ?? '',
              other.dueAt ? formatVietnamDateTime(other.dueAt, language) : undefined,
            ),
          ),
        ]
      : []),
  ];
}

/** Who wrote about the task, then their message, its lines as written (blank ones dropped). */
/** A file's content erased: which file, who erased it, when (Vietnam time) and why. */
function erasureFacts(
  words: Wording,
  erasure: TaskNotificationRequest['erasure'],
  language: Language,
): string[] {
  if (!erasure) return [];
  return [
    `${words.erasure.file}: ${oneLine(erasure.fileName)}`,
    `${words.erasure.by}: ${oneLine(erasure.byName)}`,
    `${words.erasure.at}: ${formatVietnamDateTime(erasure.at, language)}`,
    `${words.erasure.reason}: ${oneLine(erasure.reason)}`,
  ];
}

function commentFacts(words: Wording, comment: TaskNotificationRequest['comment']): string[] {
  const by = oneLine(comment?.byName);
  const lines = (comment?.text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return [
    ...(by ? [`${words.comment.by}: ${by}`] : []),
    ...(lines.length > 0 ? [`${words.comment.text}:`, ...lines] : []),
  ];
}

/**
 * The lines naming who entered an answer given on paper and when, what it says (the approval's
 * decision and its number and day, or the comments returned; the minutes and the meeting's day),
 * and whom to tell if it is not what was signed.
 */
function paperAnswerFacts(
  words: Wording,
  entered: TaskNotificationRequest['enteredOnPaper'],
  language: Language,
  evidenceNames: Record<string, string> = {},
): string[] {
  if (!entered) return [];
  const evidence = evidenceTexts(words, entered.evidence, evidenceNames);
  const by = oneLine(entered.byName);
  const day = (date: string | undefined) => (date ? formatDay(date, language) : undefined);
  const approval = entered.approval;
  const comments =
    approval?.decision === 'return'
      ? approval.comments
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : [];
  return [
    ...(by ? [`${words.paperAnswer.by}: ${by}`] : []),
    `${words.paperAnswer.at}: ${formatVietnamDateTime(entered.at, language)}`,
    ...(approval?.decision === 'approve'
      ? [
          `${words.paperAnswer.answer}: ${words.paperAnswer.approve}`,
          words.paperAnswer.decision(approval.documentNumber, day(approval.signingDate)),
        ]
      : approval?.decision === 'return'
        ? [
            `${words.paperAnswer.answer}: ${words.paperAnswer.return}`,
            ...(comments.length > 0 ? [`${words.paperAnswer.comments}:`, ...comments] : []),
          ]
        : []),
    ...(entered.review
      ? [words.paperAnswer.minutes(oneLine(entered.review.minutesRef), day(entered.review.heldOn))]
      : []),
    ...(evidence.length > 0 ? [`${words.paperAnswer.evidence}: ${evidence.join('; ')}`] : []),
    ...(by ? [words.paperAnswer.check(by)] : []),
  ];
}

/**
 * What an answer rests on, each on its own: a file by its name (downloaded from the task's page; one
 * whose name is not known by "{unnamedFile} {id's start}"), a paper record as written.
 */
function evidenceTexts(
  words: Wording,
  items: readonly string[] | undefined,
  evidenceNames: Record<string, string>,
): string[] {
  return (items ?? [])
    .map((item) => {
      const id = evidenceIdOf(item);
      return oneLine(
        id === undefined
          ? item
          : (evidenceNames[item] ?? `${words.correction.unnamedFile} ${id.slice(0, 8)}`),
      );
    })
    .filter((item): item is string => item !== undefined);
}

/** The lines naming who had a reassigned task, who handed it on and why (each only when known). */
function reassignmentFacts(words: Wording, facts: TaskMailContext['reassignment']): string[] {
  const from = oneLine(facts?.fromName);
  const by = oneLine(facts?.byName);
  const reason = oneLine(facts?.reason);
  return [
    ...(from ? [`${words.reassignment.from}: ${from}`] : []),
    ...(by ? [`${words.reassignment.by}: ${by}`] : []),
    ...(reason ? [`${words.reassignment.reason}: ${reason}`] : []),
  ];
}

/**
 * The lines naming who corrected a report's figures and why, each changed figure before and after
 * (the cases written as the web app writes them, "1.248/1.250"), and where both values are kept.
 */
function correctionFacts(
  words: Wording,
  facts: TaskNotificationRequest['correction'],
  language: Language,
  evidenceNames: Record<string, string> = {},
): string[] {
  const by = oneLine(facts?.byName);
  const reason = oneLine(facts?.reason);
  const number = (n: number | undefined) =>
    n === undefined ? '?' : new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN').format(n);
  const figure = (f: ReportedFigure | undefined): string => {
    if (!f) return '—';
    if (f.numerator !== undefined || f.denominator !== undefined) {
      const cases = `${number(f.numerator)}/${number(f.denominator)}`;
      return f.pendingOverdue === undefined
        ? cases
        : `${cases} (${words.correction.pendingOverdue(number(f.pendingOverdue))})`;
    }
    if (f.value !== undefined) return number(f.value);
    if (f.achieved !== undefined)
      return f.achieved ? words.correction.achieved : words.correction.notAchieved;
    return '—';
  };
  const changes = (facts?.changes ?? []).map(
    (change) =>
      `- ${oneLine(change.indicator[language] || change.indicator.vi)}: ${figure(change.before)} → ${figure(change.after)}`,
  );
  const evidence = evidenceTexts(words, facts?.evidence, evidenceNames);
  return [
    ...(by ? [`${words.correction.by}: ${by}`] : []),
    ...(reason ? [`${words.correction.reason}: ${reason}`] : []),
    ...(evidence.length > 0 ? [`${words.correction.evidence}: ${evidence.join('; ')}`] : []),
    ...(changes.length > 0 ? [`${words.correction.changed}:`, ...changes] : []),
    words.correction.where,
  ];
}

/** A notice meant for someone who left, as the mail tells it; undefined for any other notice. */
function departedOf(request: TaskNotificationRequest, context: TaskMailContext) {
  const departed = context.departed;
  if (!departed) return undefined;
  const reason = request.reason;
  if (reason !== 'assigned' && reason !== 'reminder' && reason !== 'escalated' && reason !== 'corrected')
    return undefined;
  const name = departed.name.replace(/\s+/g, ' ').trim();
  return { ...departed, name, reason };
}
