import type { PasswordSetBy } from '@qcycle/contracts';
import { escapeHtml, type Language } from '@qcycle/domain';
import { formatVietnamDateTime, mailSignature, type RenderedMail } from './task-notification-mail';

/** `${publicUrl}/reset-password?token=…`: the web app's page that sets the new password. */
export function passwordResetUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`;
}

/** Who the mail is for and what it carries. */
export interface PasswordResetMail {
  name: string;
  email: string;
  language: Language;
  /** The person has no password yet (added without one, e.g. imported): the mail sets a first one. */
  firstPassword: boolean;
  requestedAt: string;
  expiresAt: string;
  url: string;
}

const WORDS = {
  vi: {
    subject: (first: boolean) =>
      first ? '[qcycle] Đặt mật khẩu cho tài khoản của bạn' : '[qcycle] Đặt lại mật khẩu',
    greeting: (name: string) => `Kính gửi ông/bà ${name},`,
    lead: (email: string, at: string, first: boolean) =>
      `Lúc ${at}, có yêu cầu ${first ? 'đặt mật khẩu' : 'đặt lại mật khẩu'} cho tài khoản ${email} trên qcycle.`,
    open: (until: string) =>
      `Mở liên kết dưới đây để đặt mật khẩu mới. Liên kết chỉ dùng được một lần, đến ${until}:`,
    button: 'Đặt mật khẩu mới',
    after: 'Đặt xong, bạn được đăng nhập; các phiên đăng nhập khác của tài khoản kết thúc.',
    notYou:
      'Nếu không phải bạn yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên. Nếu nhận nhiều thư như vậy mà bạn không yêu cầu, hãy báo người quản trị hệ thống.',
  },
  en: {
    subject: (first: boolean) =>
      first ? '[qcycle] Set a password for your account' : '[qcycle] Reset your password',
    greeting: (name: string) => `Dear ${name},`,
    lead: (email: string, at: string, first: boolean) =>
      `At ${at}, someone asked to ${first ? 'set a password' : 'reset the password'} of the account ${email} on qcycle.`,
    open: (until: string) => `Open the link below to set a new password. It works once, until ${until}:`,
    button: 'Set a new password',
    after: "Once it is set you are signed in; the account's other sessions end.",
    notYou:
      'If it was not you, ignore this mail: your password stays as it is. If such mails keep coming without your asking, tell your administrator.',
  },
};

/** The mail with the link, in the person's language: plain text that reads on its own, and HTML. */
export function renderPasswordResetMail(mail: PasswordResetMail): RenderedMail {
  const words = WORDS[mail.language];
  const subject = words.subject(mail.firstPassword);
  const lead = words.lead(
    mail.email,
    formatVietnamDateTime(mail.requestedAt, mail.language),
    mail.firstPassword,
  );
  const open = words.open(formatVietnamDateTime(mail.expiresAt, mail.language));
  const signature = mailSignature(mail.language);
  const text = [
    words.greeting(mail.name),
    '',
    lead,
    '',
    open,
    mail.url,
    '',
    words.after,
    '',
    words.notYou,
    '',
    ...signature,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${mail.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    `<p style="margin:0 0 12px">${escapeHtml(words.greeting(mail.name))}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(lead)}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(open)}</p>`,
    `<p style="margin:0 0 16px"><a href="${escapeHtml(mail.url)}" style="display:inline-block;padding:10px 18px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">${escapeHtml(words.button)}</a></p>`,
    `<p style="margin:0 0 12px;font-size:13px;color:#4b5563;word-break:break-all">${escapeHtml(mail.url)}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(words.after)}</p>`,
    `<p style="margin:0 0 12px;font-size:13px;color:#4b5563">${escapeHtml(words.notYou)}</p>`,
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

/** Who is told that their password was set, how and when. */
export interface PasswordChangedNotice {
  name: string;
  email: string;
  language: Language;
  by: PasswordSetBy;
  changedAt: string;
  /** The sign-in page. */
  signInUrl: string;
}

const CHANGED_WORDS = {
  vi: {
    subject: '[qcycle] Mật khẩu của bạn vừa được đổi',
    greeting: WORDS.vi.greeting,
    lead: (email: string, at: string, by: PasswordSetBy) =>
      `Lúc ${at}, mật khẩu của tài khoản ${email} trên qcycle đã được ${
        by === 'emailLink'
          ? 'đặt mới bằng liên kết gửi qua thư'
          : by === 'ownAccount'
            ? 'đổi trên trang tài khoản'
            : 'người quản trị hệ thống đặt mới'
      }. Mọi phiên đăng nhập trước đó của tài khoản đã kết thúc.`,
    signIn: 'Đăng nhập bằng mật khẩu mới:',
    notYou:
      'Nếu không phải bạn làm việc này (hay đề nghị người quản trị hệ thống làm), hãy báo ngay người quản trị hệ thống: có thể ai đó đã vào được hộp thư hoặc tài khoản của bạn.',
  },
  en: {
    subject: '[qcycle] Your password was changed',
    greeting: WORDS.en.greeting,
    lead: (email: string, at: string, by: PasswordSetBy) =>
      `At ${at}, the password of the account ${email} on qcycle was ${
        by === 'emailLink'
          ? 'set with the link sent by mail'
          : by === 'ownAccount'
            ? 'changed on the account page'
            : 'set by your administrator'
      }. Every earlier session of the account has ended.`,
    signIn: 'Sign in with the new password:',
    notYou:
      'If it was not you (nor the administrator at your request), tell your administrator at once: someone may have got into your mailbox or your account.',
  },
};

/** The notice that an account's password was set: how, when, and what to do if it was not them. */
export function renderPasswordChangedNotice(notice: PasswordChangedNotice): RenderedMail {
  const words = CHANGED_WORDS[notice.language];
  const lead = words.lead(notice.email, formatVietnamDateTime(notice.changedAt, notice.language), notice.by);
  const signature = mailSignature(notice.language);
  const text = [
    words.greeting(notice.name),
    '',
    lead,
    '',
    words.notYou,
    '',
    words.signIn,
    notice.signInUrl,
    '',
    ...signature,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${notice.language}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2937">',
    `<p style="margin:0 0 12px">${escapeHtml(words.greeting(notice.name))}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(lead)}</p>`,
    `<p style="margin:0 0 12px;font-weight:bold">${escapeHtml(words.notYou)}</p>`,
    `<p style="margin:0 0 12px">${escapeHtml(words.signIn)} <a href="${escapeHtml(notice.signInUrl)}" style="color:#1d4ed8">${escapeHtml(notice.signInUrl)}</a></p>`,
    `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${signature.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject: words.subject, text, html };
}
