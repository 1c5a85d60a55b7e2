import {
  cyclePageUrl,
  escapeHtml,
  numericDate,
  taskPageUrl,
  taskTitleLine,
  type DigestTasks,
  type DigestWeek,
  type Language,
  type LocalizedText,
} from '@qcycle/domain';
import { formatVietnamDateTime, mailSignature, type RenderedMail } from './task-notification-mail';

/** A task as the digest writes it. */
export interface DigestMailTask {
  id: string;
  cycleId: string;
  kind: string;
  unitCode: string | null;
  dueAt: string | null;
  title: LocalizedText;
  assigneeName: string;
  /** Its unit's name in the reader's language, for the Quality Representative's digest; null: no unit's. */
  unitName: string | null;
  rehearsal: boolean;
}

/** Who the digest is for, and of what. */
export interface DigestReader {
  name: string;
  language: Language;
  /** The units a head leads, by name; null for the Quality Representative's digest of the whole organisation. */
  unitNames: string[] | null;
  /** The organisation's name, for the Quality Representative's subject. */
  organisationName: string;
}

const WORDS = {
  vi: {
    greeting: (name: string) => `Kính gửi ông/bà ${name},`,
    subject: (of: string, week: string, overdue: number, due: number) =>
      `[qcycle] Việc của ${of} trong tuần ${week}: ${overdue} quá hạn, ${due} đến hạn`,
    lead: (of: string, sunday: string) =>
      `Các việc của ${of} chưa hoàn thành, đã quá hạn hoặc đến hạn trong tuần này (đến hết Chủ nhật ${sunday}):`,
    overdue: (n: number) => `Quá hạn (${n})`,
    dueThisWeek: (n: number) => `Đến hạn trong tuần (${n})`,
    overdueSince: 'quá hạn từ',
    dueBy: 'hạn',
    assignee: 'người thực hiện',
    noUnit: 'Lãnh đạo, Đại diện chất lượng và chuyên gia đánh giá',
    rehearsal: 'diễn tập',
    dashboard: 'Xem và đôn đốc trên trang tổng quan của chu trình (cần đăng nhập):',
    why: 'Thư này được gửi mỗi tuần, sáng thứ Hai (hoặc ngày làm việc đầu tiên của tuần), cho trưởng đơn vị (việc của đơn vị) và Đại diện chất lượng (việc của toàn cơ quan), chỉ khi có việc quá hạn hoặc đến hạn trong tuần.',
    organisation: (name: string) => `toàn ${name}`,
    and: ' và ',
  },
  en: {
    greeting: (name: string) => `Dear ${name},`,
    subject: (of: string, week: string, overdue: number, due: number) =>
      `[qcycle] Tasks of ${of}, week ${week}: ${overdue} overdue, ${due} due`,
    lead: (of: string, sunday: string) =>
      `The tasks of ${of} not yet done, overdue or due this week (by the end of Sunday ${sunday}):`,
    overdue: (n: number) => `Overdue (${n})`,
    dueThisWeek: (n: number) => `Due this week (${n})`,
    overdueSince: 'overdue since',
    dueBy: 'due',
    assignee: 'assignee',
    noUnit: 'Leaders, Quality Representative and auditors',
    rehearsal: 'rehearsal',
    dashboard: "See them and follow them up on the cycle's dashboard (sign in first):",
    why: 'This mail goes out every week, on Monday morning (or the week’s first working day), to unit heads (their unit’s tasks) and the Quality Representative (the whole organisation’s), only when something is overdue or due that week.',
    organisation: (name: string) => `the whole ${name}`,
    and: ' and ',
  },
};

/**
 * One person's Monday digest, in their language: the overdue tasks, then those due by Sunday, each
 * with its assignee, its due time and the link to its page (behind the sign-in: a digest is no
 * single-use link); for the Quality Representative, each task's unit too. Plain text that reads on
 * its own, and the same in HTML.
 */
export function renderWeeklyDigest(
  reader: DigestReader,
  week: DigestWeek,
  tasks: DigestTasks<DigestMailTask>,
  publicUrl: string,
): RenderedMail {
  const words = WORDS[reader.language];
  const of = reader.unitNames
    ? reader.unitNames.join(words.and)
    : words.organisation(reader.organisationName);
  const span = `${numericDate(week.weekStart).slice(0, 5)}–${numericDate(week.weekEnd)}`;
  const subject = words.subject(of, span, tasks.overdue.length, tasks.dueThisWeek.length);
  const lead = words.lead(of, numericDate(week.weekEnd));
  const line = (task: DigestMailTask, overdue: boolean) => {
    const title = taskTitleLine(task.title, reader.language);
    const due = formatVietnamDateTime(task.dueAt!, reader.language);
    const unit = reader.unitNames === null ? `${task.unitName ?? words.noUnit} — ` : '';
    const tag = task.rehearsal ? ` [${words.rehearsal}]` : '';
    return {
      title: `${unit}${title}${tag}`,
      facts: `${words.assignee}: ${task.assigneeName}; ${overdue ? words.overdueSince : words.dueBy} ${due}`,
      url: taskPageUrl(publicUrl, task.id),
    };
  };
  const sections = [
    { heading: words.overdue(tasks.overdue.length), lines: tasks.overdue.map((t) => line(t, true)) },
    {
      heading: words.dueThisWeek(tasks.dueThisWeek.length),
      lines: tasks.dueThisWeek.map((t) => line(t, false)),
    },
  ].filter((section) => section.lines.length > 0);
  const dashboards = [...new Set([...tasks.overdue, ...tasks.dueThisWeek].map((t) => t.cycleId))].map(
    (cycleId) => cyclePageUrl(publicUrl, cycleId),
  );
  const signature = mailSignature(reader.language);

  const text = [
    words.greeting(reader.name),
    '',
    lead,
    ...sections.flatMap((section) => [
      '',
      `${section.heading}:`,
      ...section.lines.flatMap((l) => [`- ${l.title}`, `  ${l.facts}`, `  ${l.url}`]),
    ]),
    '',
    words.dashboard,
    ...dashboards,
    '',
    words.why,
    '',
    ...signature,
    '',
  ].join('\n');

  const link = (url: string, label: string) =>
    `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${escapeHtml(label)}</a>`;
  const html = [
    '<!doctype html>',
    `<html lang="${reader.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    `<p style="margin:0 0 12px">${escapeHtml(words.greeting(reader.name))}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(lead)}</p>`,
    ...sections.flatMap((section) => [
      `<h2 style="font-size:16px;margin:16px 0 8px">${escapeHtml(section.heading)}</h2>`,
      '<ul style="margin:0 0 12px;padding-left:20px">',
      ...section.lines.map(
        (l) =>
          `<li style="margin:0 0 8px">${link(l.url, l.title)}<br><span style="font-size:13px;color:#4b5563">${escapeHtml(l.facts)}</span></li>`,
      ),
      '</ul>',
    ]),
    `<p style="margin:12px 0">${escapeHtml(words.dashboard)}<br>${dashboards.map((url) => link(url, url)).join('<br>')}</p>`,
    `<p style="margin:0 0 12px;font-size:13px;color:#4b5563">${escapeHtml(words.why)}</p>`,
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
