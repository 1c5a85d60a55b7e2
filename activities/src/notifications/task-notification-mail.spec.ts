import type { TaskNotificationRequest } from '@qcycle/contracts';
import { formatVietnamDateTime, renderTaskNotification, taskLinkUrl } from './task-notification-mail';

const request: TaskNotificationRequest = {
  notificationId: 'n-1',
  taskId: 'quality-cycle/kontum/2024/measure/obj-4/2024-03',
  cycleId: 'kontum-2024',
  reason: 'assigned',
  recipient: { userId: 'u-1', name: 'Nguyễn Văn An', email: 'an@kontum.gov.vn' },
  taskTitle: { vi: 'Báo cáo chỉ tiêu 4 <tháng 3>', en: 'Report indicator 4 <March>' },
  dueAt: '2024-04-05T17:30:00.000Z',
};
const link = {
  url: 'https://qcycle.kontum.gov.vn/tasks/t?token=a.b&x=1',
  expiresAt: '2024-04-12T17:30:00.000Z',
};

describe('task notification e-mail', () => {
  it('shows instants in Vietnam time as dd/MM/yyyy HH:mm, the calendar day included', () => {
    expect(formatVietnamDateTime('2024-04-05T17:30:00.000Z')).toBe('06/04/2024 00:30');
    expect(formatVietnamDateTime('2024-12-31T03:05:00Z')).toBe('31/12/2024 10:05');
  });

  it('builds the link with every part encoded', () => {
    expect(taskLinkUrl('https://q.gov.vn/', 'cycle/2024 task#1', 'p.s')).toBe(
      'https://q.gov.vn/tasks/cycle%2F2024%20task%231?token=p.s',
    );
  });

  it('writes Vietnamese by default: subject, greeting, due date in Vietnam time, the link and its rules', () => {
    const mail = renderTaskNotification(request, link);
    expect(mail.subject).toBe('[qcycle] Việc mới: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain('Kính gửi Nguyễn Văn An,');
    expect(mail.text).toContain('Hạn hoàn thành: 06/04/2024 00:30 (giờ Việt Nam)');
    expect(mail.text).toContain(`Mở việc: ${link.url}`);
    expect(mail.text).toContain('hết hạn lúc 13/04/2024 00:30');
    expect(mail.html).toContain('<html lang="vi">');
  });

  it("marks a rehearsal's mail in its subject and before anything else, in the reader's language", () => {
    const vi = renderTaskNotification(request, link, true);
    expect(vi.subject).toBe('[qcycle] [Diễn tập] Việc mới: Báo cáo chỉ tiêu 4 <tháng 3>');
    const lines = vi.text.split('\n');
    expect(lines[2]).toBe(
      'Việc thuộc chu trình diễn tập (tập huấn), không phải năm thật: kết quả không có giá trị pháp lý.',
    );
    expect(vi.html).toContain('chu trình diễn tập (tập huấn)');
    const en = renderTaskNotification(
      { ...request, recipient: { ...request.recipient, locale: 'en' } },
      link,
      true,
    );
    expect(en.subject).toBe('[qcycle] [Rehearsal] New task: Report indicator 4 <March>');
    expect(en.text).toContain('belongs to a rehearsal (training), not the real year');
    // The real year's mail says nothing of the kind.
    expect(renderTaskNotification(request, link).text).not.toContain('diễn tập');
  });

  it('escapes everything it puts into HTML, the link in href included', () => {
    const { html } = renderTaskNotification(request, link);
    expect(html).toContain('Báo cáo chỉ tiêu 4 &lt;tháng 3&gt;');
    expect(html).not.toContain('<tháng 3>');
    expect(html).toContain('href="https://qcycle.kontum.gov.vn/tasks/t?token=a.b&amp;x=1"');
  });

  it('writes English on request, and names the assignee in an escalation', () => {
    const mail = renderTaskNotification(
      {
        ...request,
        reason: 'escalated',
        recipient: { ...request.recipient, locale: 'en' },
        assignee: { userId: 'u-2', name: 'Trần Thị Bình' },
      },
      link,
    );
    expect(mail.subject).toBe('[qcycle] Overdue task: Report indicator 4 <March>');
    expect(mail.text).toContain('assigned to Trần Thị Bình is overdue');
    expect(mail.text).toContain('Due: 06/04/2024 00:30 (Vietnam time, UTC+07:00)');
  });

  it('tells an assignee whose own task is overdue to finish it, not that it was escalated to them', () => {
    // Escalated to the unit's head who is also its assignee: the notice has no other assignee to name.
    const mail = renderTaskNotification({ ...request, reason: 'escalated' }, link);
    expect(mail.subject).toBe('[qcycle] Việc quá hạn: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain('Việc "Báo cáo chỉ tiêu 4 <tháng 3>" của ông/bà đã quá hạn');
    expect(mail.text).not.toContain('chỉ đạo xử lý');
  });

  it('keeps a title from breaking out of the Subject header, and gives a cancelled task no link', () => {
    const mail = renderTaskNotification(
      { ...request, reason: 'cancelled', taskTitle: { vi: 'A\r\nBcc: x@evil', en: 'A' } },
      undefined,
    );
    expect(mail.subject).toBe('[qcycle] Việc đã hủy: A Bcc: x@evil');
    expect(mail.text).not.toContain('Mở việc');
    expect(mail.html).not.toContain('<a ');
  });

  it('leaves out the due date of a task without a deadline', () => {
    const { dueAt: _omit, ...withoutDue } = request;
    expect(renderTaskNotification(withoutDue, link).text).not.toContain('Hạn hoàn thành');
  });
});
