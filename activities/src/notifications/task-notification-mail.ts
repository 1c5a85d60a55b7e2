import { escapeHtml, instantToVnLocal, type Language } from '@qcycle/domain';
import type { TaskNotificationReason, TaskNotificationRequest } from '@qcycle/contracts';

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

/** `2024-04-05T10:00:00.000Z` → `05/04/2024 17:00`: the Vietnamese way, in Vietnam time (UTC+07:00). */
export function formatVietnamDateTime(instant: string): string {
  const { date, time } = instantToVnLocal(instant);
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year} ${time}`;
}

/** `${publicUrl}/tasks/${taskId}?token=…`, every part encoded. */
export function taskLinkUrl(publicUrl: string, taskId: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/tasks/${encodeURIComponent(taskId)}?token=${encodeURIComponent(token)}`;
}

interface Wording {
  subject: Record<TaskNotificationReason, string>;
  lead: Record<TaskNotificationReason, (title: string, assignee?: string) => string>;
  greeting: (name: string) => string;
  due: (when: string) => string;
  open: string;
  linkNote: (expiry: string) => string;
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
      cancelled: 'Việc đã hủy',
      'next-year-draft': 'Dự thảo năm sau đã sẵn sàng',
    },
    lead: {
      assigned: (t) => `Ông/Bà được giao việc "${t}".`,
      reminder: (t) => `Xin nhắc ông/bà hoàn thành việc "${t}".`,
      escalated: (t, a) =>
        a
          ? `Việc "${t}" giao cho ${a} đã quá hạn và được chuyển để ông/bà chỉ đạo xử lý.`
          : `Việc "${t}" của ông/bà đã quá hạn; xin ông/bà hoàn thành ngay.`,
      reassigned: (t) => `Việc "${t}" đã được giao lại cho ông/bà.`,
      cancelled: (t) => `Việc "${t}" đã được hủy; ông/bà không cần thực hiện nữa.`,
      'next-year-draft': (t) =>
        `${t}: dự thảo mục tiêu chất lượng năm sau đã được chuẩn bị từ quyết định năm nay và các hành động của cuộc họp xem xét. Ông/Bà có thể khởi tạo chu trình năm sau trên trang của chu trình năm nay (mục Chu trình chất lượng).`,
    },
    greeting: (n) => `Kính gửi ${n},`,
    due: (w) => `Hạn hoàn thành: ${w} (giờ Việt Nam)`,
    open: 'Mở việc',
    linkNote: (e) =>
      `Liên kết chỉ dùng được một lần, dành riêng cho ông/bà, hết hạn lúc ${e} (giờ Việt Nam). Sau đó, xin đăng nhập qcycle và mở việc từ mục Việc của tôi.`,
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
      cancelled: 'Task cancelled',
      'next-year-draft': "Next year's draft is ready",
    },
    lead: {
      assigned: (t) => `You have been assigned the task "${t}".`,
      reminder: (t) => `A reminder to complete the task "${t}".`,
      escalated: (t, a) =>
        a
          ? `The task "${t}" assigned to ${a} is overdue and has been escalated to you.`
          : `Your task "${t}" is overdue; please complete it now.`,
      reassigned: (t) => `The task "${t}" has been reassigned to you.`,
      cancelled: (t) => `The task "${t}" has been cancelled; no action is needed.`,
      'next-year-draft': (t) =>
        `${t}: next year's draft of the quality objectives has been prepared from this year's decision and the management review's actions. Start next year's cycle from this cycle's page (Quality cycles).`,
    },
    greeting: (n) => `Dear ${n},`,
    due: (w) => `Due: ${w} (Vietnam time, UTC+07:00)`,
    open: 'Open the task',
    linkNote: (e) =>
      `This link works once, only for you, and expires at ${e} (Vietnam time). After that, sign in to qcycle and open the task from My tasks.`,
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

/**
 * The e-mail telling one person about one task, in their language (Vietnamese unless they chose
 * English). A cancelled task gets no link: there is nothing left to open.
 */
export function renderTaskNotification(
  request: TaskNotificationRequest,
  link: TaskMailLink | undefined,
  rehearsal = false,
): RenderedMail {
  const language: Language = request.recipient.locale === 'en' ? 'en' : 'vi';
  const words = WORDING[language];
  // A title is data from a draft: it must never break out of the Subject header.
  const title = (request.taskTitle[language] || request.taskTitle.vi).replace(/[\r\n\t]+/g, ' ').trim();
  const lead = words.lead[request.reason](title, request.assignee?.name);
  const due = request.dueAt ? words.due(formatVietnamDateTime(request.dueAt)) : undefined;
  const note = link ? words.linkNote(formatVietnamDateTime(link.expiresAt)) : undefined;

  const warning = rehearsal ? words.rehearsal.note : undefined;

  const text = [
    words.greeting(request.recipient.name),
    '',
    ...(warning ? [warning, ''] : []),
    lead,
    ...(due ? [due] : []),
    ...(link ? ['', `${words.open}: ${link.url}`, note as string] : []),
    '',
    ...words.signature,
    '',
  ].join('\n');

  const paragraph = (content: string) => `<p style="margin:0 0 12px">${content}</p>`;
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
    ...(due ? [paragraph(`<strong>${escapeHtml(due)}</strong>`)] : []),
    ...(link
      ? [
          paragraph(
            `<a href="${escapeHtml(link.url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(words.open)}</a>`,
          ),
          `<p style="margin:0 0 12px;font-size:13px;color:#4b5563">${escapeHtml(note as string)}<br>${escapeHtml(link.url)}</p>`,
        ]
      : []),
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${words.signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  const tag = rehearsal ? ` [${words.rehearsal.tag}]` : '';
  return { subject: `[qcycle]${tag} ${words.subject[request.reason]}: ${title}`, text, html };
}
