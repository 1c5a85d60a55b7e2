import type { TaskNotificationRequest } from '@qcycle/contracts';
import { cycleDocumentsPageUrl, cyclePageUrl, taskPageUrl, withPeriodWords } from '@qcycle/domain';
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
  it("shows instants in Vietnam time as the web app's pages write them, the calendar day included", () => {
    expect(formatVietnamDateTime('2024-04-05T17:30:00.000Z')).toBe('00:30 06/04/2024');
    expect(formatVietnamDateTime('2024-12-31T03:05:00Z')).toBe('10:05 31/12/2024');
    // English with the month in words: 06/04 is never read as the fourth of June.
    expect(formatVietnamDateTime('2024-04-05T17:30:00.000Z', 'en')).toBe('6 Apr 2024, 00:30');
    expect(formatVietnamDateTime('2024-09-05T10:00:00.000Z', 'en')).toBe('5 Sept 2024, 17:00');
  });

  it("writes a title's reporting period in words, as the inbox does, and leaves other figures alone", () => {
    expect(withPeriodWords('Báo cáo số liệu mục tiêu 4 kỳ 2024-03', 'vi')).toBe(
      'Báo cáo số liệu mục tiêu 4 kỳ T3/2024',
    );
    expect(withPeriodWords('Mục tiêu 2 có nguy cơ không đạt (kỳ 2024-Q2)', 'vi')).toBe(
      'Mục tiêu 2 có nguy cơ không đạt (kỳ Quý 2/2024)',
    );
    expect(withPeriodWords('Báo cáo số liệu mục tiêu 1 kỳ 2024-H1', 'vi')).toBe(
      'Báo cáo số liệu mục tiêu 1 kỳ 6 tháng 1/2024',
    );
    expect(withPeriodWords('Report objective 4 for 2024-03', 'en')).toBe('Report objective 4 for Mar 2024');
    expect(withPeriodWords('Report objective 1 for 2024-09', 'en')).toBe('Report objective 1 for Sept 2024');
    expect(withPeriodWords('Objective 2 at risk (2024-Q2)', 'en')).toBe('Objective 2 at risk (Q2 2024)');
    for (const untouched of [
      'Quyết định 123/QĐ-UBND ngày 2024-01-05',
      'Năm 2024',
      'Mã 2024-13',
      'ISO 9001:2015',
    ])
      expect(withPeriodWords(untouched, 'vi')).toBe(untouched);
  });

  it('builds the link with every part encoded', () => {
    expect(taskLinkUrl('https://q.gov.vn/', 'cycle/2024 task#1', 'p.s')).toBe(
      'https://q.gov.vn/tasks/cycle%2F2024%20task%231?token=p.s',
    );
  });

  it('writes Vietnamese by default: subject, greeting, due date in Vietnam time, the link and its rules', () => {
    const mail = renderTaskNotification(request, link);
    expect(mail.subject).toBe('[qcycle] Việc mới: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain('Kính gửi ông/bà Nguyễn Văn An,');
    expect(mail.text).toContain('Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)');
    // The link alone on its line, so that a plain-text reader clicks or copies it whole.
    expect(mail.text).toContain(`\nMở việc:\n${link.url}\n`);
    expect(mail.text).toContain('hết hạn lúc 00:30 13/04/2024 (giờ Việt Nam)');
    // What to do once the link is used or expired holds for every recipient, not only the assignee.
    expect(mail.text).toContain('mở liên kết sẽ dẫn ông/bà đăng nhập qcycle để vào đúng việc này');
    expect(mail.html).toContain('<html lang="vi">');
  });

  it("marks a rehearsal's mail in its subject and before anything else, in the reader's language", () => {
    const vi = renderTaskNotification(request, link, { rehearsal: true });
    expect(vi.subject).toBe('[qcycle] [Diễn tập] Việc mới: Báo cáo chỉ tiêu 4 <tháng 3>');
    const lines = vi.text.split('\n');
    expect(lines[2]).toBe(
      'Việc thuộc chu trình diễn tập (tập huấn), không phải năm thật: kết quả không có giá trị pháp lý.',
    );
    expect(vi.html).toContain('chu trình diễn tập (tập huấn)');
    const en = renderTaskNotification(
      { ...request, recipient: { ...request.recipient, locale: 'en' } },
      link,
      { rehearsal: true },
    );
    expect(en.subject).toBe('[qcycle] [Rehearsal] New task: Report indicator 4 <March>');
    expect(en.text).toContain('belongs to a rehearsal (training), not the real year');
    // The real year's mail says nothing of the kind.
    expect(renderTaskNotification(request, link).text).not.toContain('diễn tập');
  });

  it('tells the assignee of a task given after its due date that the date had passed then, and of a report, the paper', () => {
    // January's report of a year adopted in June: due on 7 April at 17:00, given on 3 June.
    const january = { ...request, dueAt: '2026-04-07T10:00:00.000Z' };
    const mail = renderTaskNotification(january, link, { givenLate: { measurementReport: true } });
    expect(mail.text).toContain(
      [
        'Hạn hoàn thành: 17:00 07/04/2026 (giờ Việt Nam)',
        'Hạn này đã qua khi việc được giao (việc giao sau hạn, do cơ quan bắt đầu dùng qcycle giữa năm hoặc mục tiêu được phê duyệt muộn): việc quá hạn ngay từ lúc giao, không phải do ông/bà chậm trễ, và vẫn cần hoàn thành sớm.',
        'Nếu số liệu kỳ này đã được báo cáo bằng văn bản giấy, khi nhập số liệu ông/bà ghi kèm ngày và số, ký hiệu của văn bản: báo cáo được tính đúng hạn hay trễ hạn theo ngày của văn bản.',
        '',
        'Mở việc:',
      ].join('\n'),
    );
    expect(mail.html).toContain('<strong>Hạn hoàn thành: 17:00 07/04/2026 (giờ Việt Nam)</strong></p>\n<p');
    expect(mail.html).toContain('Hạn này đã qua khi việc được giao (việc giao sau hạn');
    expect(mail.html).toContain('ghi kèm ngày và số, ký hiệu của văn bản');

    const english = renderTaskNotification(
      { ...january, recipient: { ...request.recipient, locale: 'en' } },
      link,
      { givenLate: { measurementReport: true } },
    );
    expect(english.text).toContain(
      [
        'Due: 7 Apr 2026, 17:00 (Vietnam time, UTC+07:00)',
        'This due date had already passed when the task was assigned (qcycle adopted mid-year, or the objectives approved late): the task is overdue from the start, through no delay of yours, and still needs doing soon.',
        "If the figures for this period were already reported on paper, enter the paper's date and number with them: the report is then on time or late by the paper's date.",
      ].join('\n'),
    );

    // A task of another kind given late: the date had passed; paper is a report's alone.
    const approval = renderTaskNotification(january, link, { givenLate: { measurementReport: false } });
    expect(approval.text).toContain('Hạn này đã qua khi việc được giao');
    expect(approval.text).not.toContain('văn bản giấy');
    // The one it is handed to later is told the same.
    expect(
      renderTaskNotification({ ...january, reason: 'reassigned' }, link, {
        givenLate: { measurementReport: true },
      }).text,
    ).toContain('Hạn này đã qua khi việc được giao');
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
    // The due date of an escalation has passed: that is what the mail is about.
    expect(mail.text).toContain('Overdue since: 6 Apr 2024, 00:30 (Vietnam time, UTC+07:00)');
    expect(mail.text).not.toContain('Due:');
    expect(mail.text).toContain('expires at 13 Apr 2024, 00:30 (Vietnam time)');
  });

  it('tells a unit head, the Quality Representative or the leader whose task is overdue since when, and what is asked of them', () => {
    const mail = renderTaskNotification(
      { ...request, reason: 'escalated', assignee: { userId: 'u-2', name: 'Trần Thị Bình' } },
      link,
    );
    expect(mail.subject).toBe('[qcycle] Việc quá hạn: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      'Việc "Báo cáo chỉ tiêu 4 <tháng 3>" giao cho Trần Thị Bình đã quá hạn mà chưa hoàn thành; xin báo để ông/bà theo dõi, đôn đốc xử lý.',
    );
    expect(mail.text).toContain('Quá hạn từ: 00:30 06/04/2024 (giờ Việt Nam)');
    expect(mail.text).not.toContain('Hạn hoàn thành');
    // "Chuyển" is no longer the word for escalating (docs/glossary.md: báo cấp trên).
    expect(mail.text).not.toMatch(/chuyển/i);
  });

  it("tells the Quality Representative of the leader's overdue approval that they may enter an answer given on paper", () => {
    const escalated = {
      ...request,
      reason: 'escalated' as const,
      assignee: { userId: 'u-leader', name: 'Nguyễn Hữu Tháp' },
    };
    const onPaper =
      'Nếu lãnh đạo đã cho ý kiến trên giấy (ký quyết định, ký biên bản họp hoặc ghi ý kiến vào dự thảo in), ông/bà ghi nhận thay trên trang của việc.';
    const mail = renderTaskNotification(escalated, link, { entersOnPaper: true });
    expect(mail.text).toContain(onPaper);
    expect(mail.html).toContain(onPaper);
    // Not for a task nobody may enter on paper, nor for a notice other than the escalation.
    expect(renderTaskNotification(escalated, link).text).not.toContain(onPaper);
    expect(
      renderTaskNotification({ ...request, reason: 'reminder' }, link, { entersOnPaper: true }).text,
    ).not.toContain(onPaper);
  });

  it('tells the new assignee of a reassigned task who had it, who handed it on and why, escaped in HTML', () => {
    const mail = renderTaskNotification({ ...request, reason: 'reassigned' }, link, {
      reassignment: { fromName: 'Võ Đình Nam', byName: 'Trần Quốc Việt', reason: 'Đi công tác\n<dài ngày>' },
    });
    expect(mail.subject).toBe('[qcycle] Việc được giao lại: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      [
        'Việc "Báo cáo chỉ tiêu 4 <tháng 3>" đã được giao lại cho ông/bà.',
        'Trước đây việc được giao cho: Võ Đình Nam',
        'Người giao lại: Trần Quốc Việt',
        'Lý do: Đi công tác <dài ngày>',
        'Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)',
      ].join('\n'),
    );
    expect(mail.html).toContain('Lý do: Đi công tác &lt;dài ngày&gt;');
    // A reassignment not (yet) recorded: the mail says what it knows.
    expect(renderTaskNotification({ ...request, reason: 'reassigned' }, link).text).not.toContain('Lý do');
  });

  it('urges the assignee in their language: who follows it up, their message on one line, the due date and the link', () => {
    const urge = { byName: 'Trần Quốc Việt', note: 'Phòng gửi số liệu\n<trước thứ Sáu>' };
    const mail = renderTaskNotification({ ...request, reason: 'urged', urge }, link);
    expect(mail.subject).toBe('[qcycle] Đôn đốc: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      [
        'Xin ông/bà sớm hoàn thành việc "Báo cáo chỉ tiêu 4 <tháng 3>".',
        'Người đôn đốc: Trần Quốc Việt',
        'Lời nhắn: Phòng gửi số liệu <trước thứ Sáu>',
        'Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)',
      ].join('\n'),
    );
    expect(mail.text).toContain(link.url);
    expect(mail.html).toContain('Lời nhắn: Phòng gửi số liệu &lt;trước thứ Sáu&gt;');
    const english = renderTaskNotification(
      {
        ...request,
        reason: 'urged',
        urge: { byName: 'Trần Quốc Việt' },
        recipient: { ...request.recipient, locale: 'en' },
      },
      link,
    );
    expect(english.subject).toBe('[qcycle] Follow-up: Report indicator 4 <March>');
    expect(english.text).toContain(
      'Please complete the task "Report indicator 4 <March>" soon.\nFollowed up by: Trần Quốc Việt\nDue:',
    );
    // No message written: no empty line for it.
    expect(english.text).not.toContain('Message');
  });

  it('copies an urge to whoever answers for the task: whose task was urged, by whom, and their message', () => {
    const urge = { byName: 'Trần Quốc Việt', note: 'Phòng gửi số liệu trước thứ Sáu' };
    const head = { userId: 'u-9', name: 'Phạm Thị Hoa' };
    const mail = renderTaskNotification(
      { ...request, reason: 'urged', urge, recipient: head, assignee: request.recipient },
      link,
    );
    expect(mail.subject).toBe('[qcycle] Đôn đốc: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      [
        'Kính gửi ông/bà Phạm Thị Hoa,',
        '',
        'Việc "Báo cáo chỉ tiêu 4 <tháng 3>" giao cho Nguyễn Văn An vừa được đôn đốc; xin báo để ông/bà theo dõi.',
        'Người đôn đốc: Trần Quốc Việt',
        'Lời nhắn: Phòng gửi số liệu trước thứ Sáu',
      ].join('\n'),
    );
    expect(mail.text).not.toContain('Xin ông/bà sớm hoàn thành');
    const english = renderTaskNotification(
      {
        ...request,
        reason: 'urged',
        urge,
        recipient: { ...head, locale: 'en' },
        assignee: request.recipient,
      },
      link,
    );
    expect(english.text).toContain(
      'The task "Report indicator 4 <March>" given to Nguyễn Văn An has just been followed up; you are told so that you can keep track of it.\nFollowed up by: Trần Quốc Việt',
    );
  });

  it("lists, in the one copy of an urge of several of a unit's tasks, the others: each by title, assignee and due date", () => {
    const head = { userId: 'u-9', name: 'Phạm Thị Hoa' };
    const alsoUrged = [
      {
        taskId: 't-2',
        title: { vi: 'Báo cáo số liệu mục tiêu 3 kỳ 2024-Q1', en: 'Report objective 3 for 2024-Q1' },
        assigneeName: 'Lê Thị Lan',
        dueAt: '2024-04-10T10:00:00Z',
      },
      {
        taskId: 't-3',
        title: { vi: 'Lập kế hoạch khắc phục', en: 'Plan the action' },
        assigneeName: 'Võ Minh',
      },
    ];
    const copy = {
      ...request,
      reason: 'urged' as const,
      urge: { byName: 'Trần Quốc Việt', alsoUrged },
      recipient: head,
      assignee: request.recipient,
    };
    const mail = renderTaskNotification(copy, link);
    expect(mail.subject).toBe('[qcycle] Đôn đốc: Báo cáo chỉ tiêu 4 <tháng 3> và 2 việc khác');
    expect(mail.text).toContain(
      [
        'Người đôn đốc: Trần Quốc Việt',
        'Cùng lúc, 2 việc khác của đơn vị cũng được đôn đốc:',
        '- "Báo cáo số liệu mục tiêu 3 kỳ Quý 1/2024", giao cho Lê Thị Lan, hạn 17:00 10/04/2024',
        '- "Lập kế hoạch khắc phục", giao cho Võ Minh',
        'Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)',
      ].join('\n'),
    );
    const english = renderTaskNotification({ ...copy, recipient: { ...head, locale: 'en' } }, link);
    expect(english.subject).toBe('[qcycle] Follow-up: Report indicator 4 <March> and 2 other tasks');
    expect(english.text).toContain(
      'At the same time, 2 other tasks of the unit were followed up:\n- "Report objective 3 for Q1 2024", assigned to Lê Thị Lan, due 10 Apr 2024, 17:00',
    );
    // The assignee's own mail lists nothing of the others'.
    const own = renderTaskNotification(
      { ...request, reason: 'urged', urge: { byName: 'Trần Quốc Việt' } },
      link,
    );
    expect(own.text).not.toContain('Cùng lúc');
  });

  it('tells of a message about the task: who wrote it, its lines as written, the due date and the link', () => {
    const comment = { byName: 'Nguyễn Văn An', text: 'Tính cả hồ sơ liên thông?\r\n\n  <Xin trả lời sớm>  ' };
    // To the head of the unit: the lead names whose task it is.
    const mail = renderTaskNotification(
      {
        ...request,
        reason: 'commented',
        comment,
        recipient: { userId: 'u-9', name: 'Phạm Thị Hoa' },
        assignee: request.recipient,
      },
      link,
    );
    expect(mail.subject).toBe('[qcycle] Trao đổi về việc: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      [
        'Có ý kiến trao đổi mới về việc "Báo cáo chỉ tiêu 4 <tháng 3>" giao cho Nguyễn Văn An.',
        'Người viết: Nguyễn Văn An',
        'Nội dung:',
        'Tính cả hồ sơ liên thông?',
        '<Xin trả lời sớm>',
        'Hạn hoàn thành: 00:30 06/04/2024 (giờ Việt Nam)',
      ].join('\n'),
    );
    expect(mail.text).toContain(link.url);
    expect(mail.html).toContain('Nội dung:<br>Tính cả hồ sơ liên thông?<br>&lt;Xin trả lời sớm&gt;');
    // To the assignee, in English: their own task.
    const english = renderTaskNotification(
      {
        ...request,
        reason: 'commented',
        comment: { byName: 'Phạm Thị Hoa', text: 'Yes.' },
        recipient: { ...request.recipient, locale: 'en' },
      },
      link,
    );
    expect(english.subject).toBe('[qcycle] Message about a task: Report indicator 4 <March>');
    expect(english.text).toContain(
      'There is a new message about your task "Report indicator 4 <March>".\nWritten by: Phạm Thị Hoa\nMessage:\nYes.\nDue:',
    );
  });

  it('tells the one a task was taken from who has it now, who handed it on and why, with its page and no deadline or link', () => {
    const page = 'https://qcycle.kontum.gov.vn/tasks/t';
    const away = {
      ...request,
      reason: 'reassigned-away' as const,
      assignee: { userId: 'u-2', name: 'Hoàng Văn Minh' },
    };
    const mail = renderTaskNotification(away, undefined, {
      reassignment: { byName: 'Trần Quốc Việt', reason: 'Đi công tác\n<dài ngày>' },
      taskPage: page,
    });
    expect(mail.subject).toBe('[qcycle] Việc đã giao cho người khác: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain(
      [
        'Việc "Báo cáo chỉ tiêu 4 <tháng 3>" đã được giao cho Hoàng Văn Minh; ông/bà không còn phụ trách việc này.',
        'Người giao lại: Trần Quốc Việt',
        'Lý do: Đi công tác <dài ngày>',
        'Nếu cần, ông/bà vẫn mở được việc này và có thể hoàn thành thay người được giao.',
        '',
        'Mở trang của việc:',
        page,
      ].join('\n'),
    );
    // The deadline is the new assignee's to meet; the recipient's own link no longer opens the task.
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.text).not.toContain('token=');
    expect(mail.html).toContain('Lý do: Đi công tác &lt;dài ngày&gt;');
    expect(mail.html).toContain(`href="${page}"`);

    const english = renderTaskNotification(
      { ...away, recipient: { ...away.recipient, locale: 'en' } },
      undefined,
      {
        taskPage: page,
      },
    );
    expect(english.subject).toBe('[qcycle] Task handed to someone else: Report indicator 4 <March>');
    expect(english.text).toContain(
      'The task "Report indicator 4 <March>" has been given to Hoàng Văn Minh; it is no longer yours to answer for.',
    );
    expect(english.text).toContain("Open the task's page:");
  });

  it('tells the leader whose answer given on paper was entered who entered what and when, with the page and no link or deadline', () => {
    const page = 'https://qcycle.kontum.gov.vn/tasks/a';
    const approval = {
      ...request,
      taskId: 'quality-cycle/kontum/2024/approval/approve/2',
      reason: 'entered-on-paper' as const,
      recipient: { userId: 'u-9', name: 'Nguyễn Hữu Tháp' },
      taskTitle: {
        vi: 'Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)',
        en: 'Approve the 2024 objectives (round 2)',
      },
      enteredOnPaper: {
        byName: 'Trần Quốc Việt',
        at: '2024-01-08T02:15:00.000Z',
        approval: { decision: 'approve' as const, documentNumber: '12/QĐ-UBND', signingDate: '2024-01-05' },
      },
    };
    const mail = renderTaskNotification(approval, undefined, { taskPage: page });
    expect(mail.subject).toBe(
      '[qcycle] Đã ghi nhận ý kiến của ông/bà: Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)',
    );
    expect(mail.text).toContain(
      [
        'Ý kiến ông/bà cho trên giấy về việc "Phê duyệt mục tiêu chất lượng năm 2024 (lần 2)" đã được ghi nhận thay ông/bà trên qcycle.',
        'Người ghi nhận: Trần Quốc Việt',
        'Ghi nhận lúc: 09:15 08/01/2024',
        'Ý kiến: Phê duyệt',
        'Quyết định số 12/QĐ-UBND, ký ngày 05/01/2024',
        'Nếu nội dung ghi nhận khác với văn bản ông/bà đã ký, xin báo ngay cho Trần Quốc Việt.',
        '',
        'Mở trang của việc:',
        page,
      ].join('\n'),
    );
    // The task is done: no deadline to meet, no link to answer it.
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.text).not.toContain('token=');
    expect(mail.html).toContain('Quyết định số 12/QĐ-UBND, ký ngày 05/01/2024');

    // Comments written on the printed draft, their lines as written; in English on request.
    const returned = renderTaskNotification(
      {
        ...approval,
        recipient: { ...approval.recipient, locale: 'en' },
        enteredOnPaper: {
          ...approval.enteredOnPaper,
          approval: { decision: 'return' as const, comments: 'Add quarterly dates\n<objective 4>' },
        },
      },
      undefined,
      { taskPage: page },
    );
    expect(returned.subject).toBe('[qcycle] Your answer entered: Approve the 2024 objectives (round 2)');
    expect(returned.text).toContain(
      [
        'Entered by: Trần Quốc Việt',
        'Entered at: 8 Jan 2024, 09:15',
        'Answer: Draft returned for revision',
        'Comments:',
        'Add quarterly dates',
        '<objective 4>',
        'If what was entered differs from what you signed, please tell Trần Quốc Việt at once.',
      ].join('\n'),
    );
    expect(returned.html).toContain('&lt;objective 4&gt;');

    // The minutes of the management review, by their reference and the meeting's day, and what
    // they rest on: the signed minutes' scan by its name, a paper record as written.
    const scan = 'evidence:0b6a4c1e-2f3d-4e5a-9b8c-7d6e5f4a3b2c';
    const unnamed = 'evidence:9f8e7d6c-0000-4000-8000-000000000000';
    const review = renderTaskNotification(
      {
        ...approval,
        enteredOnPaper: {
          byName: 'Trần Quốc Việt',
          at: '2024-12-16T03:00:00.000Z',
          review: { minutesRef: 'BB-XXLĐ-2024', heldOn: '2024-12-13' },
          evidence: [scan, 'Danh sách đại biểu dự họp', unnamed],
        },
      },
      undefined,
      { taskPage: page, evidenceNames: { [scan]: 'Biên bản họp đã ký.pdf' } },
    );
    expect(review.text).toContain(
      [
        'Biên bản họp BB-XXLĐ-2024, họp ngày 13/12/2024',
        'Kèm theo: Biên bản họp đã ký.pdf; Danh sách đại biểu dự họp; tệp minh chứng 9f8e7d6c',
      ].join('\n'),
    );
    // None named: no such line.
    expect(mail.text).not.toContain('Kèm theo');
  });

  it("tells the Quality Representative of next year's draft once, with the cycle's page to start it from", () => {
    const page = cyclePageUrl('https://qcycle.kontum.gov.vn/', 'kontum-2024');
    expect(page).toBe('https://qcycle.kontum.gov.vn/cycles/kontum-2024');
    const { dueAt: _omit, ...draft } = request;
    const mail = renderTaskNotification(
      {
        ...draft,
        reason: 'next-year-draft',
        taskTitle: {
          vi: 'Chu trình chất lượng năm 2024 đã kết thúc; dự thảo năm 2025 đã sẵn sàng',
          en: 'The 2024 quality cycle has closed; the 2025 draft is ready',
        },
      },
      undefined,
      { cyclePage: page },
    );
    expect(mail.subject).toBe(
      '[qcycle] Chu trình chất lượng năm 2024 đã kết thúc; dự thảo năm 2025 đã sẵn sàng',
    );
    expect(mail.text).toContain('các hành động sau họp xem xét của lãnh đạo');
    expect(mail.text).toContain(`\nMở trang chu trình:\n${page}\nCần đăng nhập qcycle để mở trang này.`);
    expect(mail.text).not.toContain('token=');
    expect(mail.html).toContain(`href="${page}"`);
  });

  it("tells a reporter of a correction of their figures: who, why, and the report's page behind the sign-in (no task link, no due date)", () => {
    const page = taskPageUrl('https://qcycle.kontum.gov.vn/', request.taskId);
    expect(page).toBe(
      'https://qcycle.kontum.gov.vn/tasks/quality-cycle%2Fkontum%2F2024%2Fmeasure%2Fobj-4%2F2024-03',
    );
    const corrected = {
      ...request,
      reason: 'corrected' as const,
      taskTitle: { vi: 'Báo cáo số liệu mục tiêu 4 kỳ 2024-03', en: 'Report objective 4 for 2024-03' },
      correction: {
        byName: 'Phạm Thị Hoa',
        reason: 'Hai hồ sơ\nchưa đúng quy trình',
        changes: [
          {
            indicator: { vi: 'Tỷ lệ đúng quy trình', en: 'Share by the process' },
            before: { indicatorId: 'a', numerator: 1250, denominator: 1250 },
            after: { indicatorId: 'a', numerator: 1248, denominator: 1250 },
          },
          {
            indicator: { vi: 'Tỷ lệ đúng hạn', en: 'Share on time' },
            before: { indicatorId: 'b', numerator: 1000, denominator: 1250, pendingOverdue: 2 },
            after: { indicatorId: 'b', numerator: 1000, denominator: 1250, pendingOverdue: 3 },
          },
          {
            indicator: { vi: 'Đánh giá nội bộ <đạt>', en: 'Internal audit' },
            before: { indicatorId: 'c', achieved: true },
            after: { indicatorId: 'c', achieved: false },
          },
        ],
      },
    };
    const mail = renderTaskNotification(corrected, undefined, { taskPage: page });
    expect(mail.subject).toBe('[qcycle] Số liệu đã được sửa: Báo cáo số liệu mục tiêu 4 kỳ T3/2024');
    expect(mail.text).toContain(
      [
        'Số liệu đã báo cáo của việc "Báo cáo số liệu mục tiêu 4 kỳ T3/2024" vừa được sửa.',
        'Người sửa: Phạm Thị Hoa',
        'Lý do sửa: Hai hồ sơ chưa đúng quy trình',
        'Số liệu đã sửa (trước → sau):',
        '- Tỷ lệ đúng quy trình: 1.250/1.250 → 1.248/1.250',
        '- Tỷ lệ đúng hạn: 1.000/1.250 (đang giải quyết đã quá hạn: 2) → 1.000/1.250 (đang giải quyết đã quá hạn: 3)',
        '- Đánh giá nội bộ <đạt>: đạt → không đạt',
        'Số liệu trước và sau khi sửa được lưu trên trang của báo cáo và trong lịch sử của chu trình.',
        '',
        'Mở trang báo cáo:',
        page,
        'Cần đăng nhập qcycle để mở trang này.',
      ].join('\n'),
    );
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.html).toContain(`href="${page}"`);
    expect(mail.html).toContain('- Đánh giá nội bộ &lt;đạt&gt;: đạt → không đạt');
    const english = renderTaskNotification(
      { ...corrected, recipient: { ...corrected.recipient, locale: 'en' } },
      undefined,
      { taskPage: page },
    );
    expect(english.subject).toBe('[qcycle] Figures corrected: Report objective 4 for Mar 2024');
    expect(english.text).toContain('Corrected by: Phạm Thị Hoa');
    expect(english.text).toContain('- Share by the process: 1,250/1,250 → 1,248/1,250\n');
    expect(english.text).toContain('- Internal audit: achieved → not achieved\n');
    expect(english.text).toContain("Open the report's page:\n" + page);
  });

  it('names what a correction rests on: files by their names (an unknown one by its id), paper records as written', () => {
    const corrected = {
      ...request,
      reason: 'corrected' as const,
      correction: {
        byName: 'Phạm Thị Hoa',
        reason: 'Hai hồ sơ chưa đúng quy trình',
        evidence: ['evidence:0b6a1c2d-aaaa', 'Biên bản\nrà soát tháng 3', 'evidence:9f86d081-bbbb'],
      },
    };
    const names = { evidenceNames: { 'evidence:0b6a1c2d-aaaa': 'Sổ theo dõi <đối chiếu>.pdf' } };
    const mail = renderTaskNotification(corrected, undefined, names);
    expect(mail.text).toContain(
      'Lý do sửa: Hai hồ sơ chưa đúng quy trình\n' +
        'Minh chứng của lần sửa: Sổ theo dõi <đối chiếu>.pdf; Biên bản rà soát tháng 3; tệp minh chứng 9f86d081\n',
    );
    expect(mail.html).toContain('Sổ theo dõi &lt;đối chiếu&gt;.pdf');
    const english = renderTaskNotification(
      { ...corrected, recipient: { ...corrected.recipient, locale: 'en' } },
      undefined,
      names,
    );
    expect(english.text).toContain(
      'Evidence for the correction: Sổ theo dõi <đối chiếu>.pdf; Biên bản rà soát tháng 3; evidence file 9f86d081\n',
    );
    // None given: no line.
    const without = renderTaskNotification(
      { ...corrected, correction: { ...corrected.correction, evidence: [] } },
      undefined,
      {},
    );
    expect(without.text).not.toContain('Minh chứng');
  });

  it("asks the văn thư for a signed paper's scan: which paper, what to do and until when, and the documents page behind the sign-in (no task link, no due date)", () => {
    const page = cycleDocumentsPageUrl('https://qcycle.kontum.gov.vn/', 'kontum-2026');
    expect(page).toBe('https://qcycle.kontum.gov.vn/cycles/kontum-2026/documents');
    const notice: TaskNotificationRequest = {
      notificationId: 'objectives-approval/kontum/2026/paper-to-scan/vanthu',
      taskId: 'objectives-approval/kontum/2026/paper-to-scan',
      cycleId: 'kontum-2026',
      reason: 'paper-to-scan',
      recipient: { userId: 'vanthu', name: 'Lê Thị Thu', email: 'vanthu@kontum.gov.vn' },
      taskTitle: {
        vi: 'Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026',
        en: 'Decision No. 12/QĐ-UBND approving the 2026 quality objectives',
      },
    };
    const mail = renderTaskNotification(notice, undefined, { documentsPage: page });
    expect(mail.subject).toBe(
      '[qcycle] Văn bản đã ký cần bản chụp: Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026',
    );
    expect(mail.text).toContain(
      'Quyết định số 12/QĐ-UBND phê duyệt mục tiêu chất lượng năm 2026 đã được ghi nhận trên qcycle là đã ký, nhưng hồ sơ chưa có bản chụp của văn bản đã ký.',
    );
    expect(mail.text).toContain('bấm "Thêm bản đã ký (bản chụp)" ở dòng của văn bản');
    expect(mail.text).toContain('sau khi chu trình kết thúc thì không thêm được nữa');
    expect(mail.text).toContain(`\nMở trang Văn bản:\n${page}\nCần đăng nhập qcycle để mở trang này.`);
    expect(mail.text).not.toContain('token=');
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.html).toContain(`href="${page}"`);
    const english = renderTaskNotification(
      { ...notice, recipient: { ...notice.recipient, locale: 'en' } },
      undefined,
      {
        documentsPage: page,
        rehearsal: true,
      },
    );
    expect(english.subject).toBe(
      '[qcycle] [Rehearsal] Signed paper to scan: Decision No. 12/QĐ-UBND approving the 2026 quality objectives',
    );
    expect(english.text).toContain('"Add the signed copy (scan)" on the document\'s row');
    expect(english.text).toContain(`\nOpen the documents page:\n${page}`);
  });

  it("tells the uploader of an erased file which file, who erased it, when and why, with the record's page (no task link, no due date)", () => {
    const page = taskPageUrl('https://qcycle.kontum.gov.vn/', request.taskId);
    const notice: TaskNotificationRequest = {
      ...request,
      notificationId: 'evidence-erased/f-1',
      reason: 'evidence-erased',
      erasure: {
        byName: 'Trần Quốc Việt',
        at: '2024-05-03T02:15:00.000Z',
        fileName: 'Danh sách <CCCD>.pdf',
        reason: 'Tải nhầm danh sách\ncó số định danh cá nhân',
      },
    };
    const mail = renderTaskNotification(notice, undefined, { taskPage: page });
    expect(mail.subject).toBe('[qcycle] Nội dung tệp minh chứng đã bị xóa: Báo cáo chỉ tiêu 4 <tháng 3>');
    for (const line of [
      'Đại diện chất lượng đã xóa nội dung một tệp minh chứng ông/bà tải lên hồ sơ "Báo cáo chỉ tiêu 4 <tháng 3>".',
      'Tệp: Danh sách <CCCD>.pdf',
      'Người xóa: Trần Quốc Việt',
      'Xóa lúc: 09:15 03/05/2024',
      // The reason on one line: it cannot break the mail's layout.
      'Lý do: Tải nhầm danh sách có số định danh cá nhân',
      'hồ sơ vẫn ghi tên tệp, ai tải lên, ai xóa, khi nào và lý do',
      `\nMở trang của việc:\n${page}\nCần đăng nhập qcycle để mở trang này.`,
    ])
      expect(mail.text).toContain(line);
    expect(mail.text).not.toContain('token=');
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.html).toContain('Tệp: Danh sách &lt;CCCD&gt;.pdf');
    // A corrective action's record has no task: the year's page.
    const cyclePage = cyclePageUrl('https://qcycle.kontum.gov.vn/', 'kontum-2024');
    const english = renderTaskNotification(
      { ...notice, recipient: { ...notice.recipient, locale: 'en' } },
      undefined,
      { cyclePage },
    );
    expect(english.subject).toBe('[qcycle] Evidence file content erased: Report indicator 4 <March>');
    // The record, not "the task": a corrective action's record is no task.
    expect(english.text).toContain(
      'erased the content of an evidence file you uploaded to the record "Report indicator 4 <March>".',
    );
    expect(english.text).toContain('please upload it to this record, or tell the Quality Representative');
    expect(english.text).toContain('Erased by: Trần Quốc Việt');
    expect(english.text).toContain(`\nOpen the cycle's page:\n${cyclePage}`);
  });

  it('tells the Quality Representative, when next year already runs, that there is nothing left to start', () => {
    const { dueAt: _omit, ...draft } = request;
    const notice = { ...draft, reason: 'next-year-draft' as const };
    const started = renderTaskNotification(notice, undefined, { nextYearStarted: true });
    expect(started.text).toContain('Chu trình năm sau đã được khởi tạo trước khi năm nay kết thúc');
    expect(started.text).not.toContain('khởi tạo chu trình năm sau trên trang');
    expect(renderTaskNotification(notice, undefined, {}).text).toContain(
      'khởi tạo chu trình năm sau trên trang',
    );
  });

  it('tells an assignee whose own task is overdue to finish it, not that it was escalated to them', () => {
    // Escalated to the unit's head who is also its assignee: the notice has no other assignee to name.
    const mail = renderTaskNotification({ ...request, reason: 'escalated' }, link);
    expect(mail.subject).toBe('[qcycle] Việc quá hạn: Báo cáo chỉ tiêu 4 <tháng 3>');
    expect(mail.text).toContain('Việc "Báo cáo chỉ tiêu 4 <tháng 3>" của ông/bà đã quá hạn');
    expect(mail.text).not.toContain('chỉ đạo xử lý');
    expect(mail.text).toContain('Quá hạn từ: 00:30 06/04/2024 (giờ Việt Nam)');
  });

  it('keeps a title from breaking out of the Subject header, and gives a cancelled task no link nor deadline', () => {
    const mail = renderTaskNotification(
      { ...request, reason: 'cancelled', taskTitle: { vi: 'A\r\nBcc: x@evil', en: 'A' } },
      undefined,
    );
    expect(mail.subject).toBe('[qcycle] Việc đã hủy: A Bcc: x@evil');
    expect(mail.text).toContain('Việc "A Bcc: x@evil" đã bị hủy; ông/bà không cần thực hiện việc này nữa.');
    expect(mail.text).not.toContain('Mở việc');
    // A deadline of a task that is gone would read as still to be met.
    expect(mail.text).not.toContain('Hạn hoàn thành');
    expect(mail.html).not.toContain('Hạn hoàn thành');
    expect(mail.html).not.toContain('<a ');
  });

  it('leaves out the due date of a task without a deadline', () => {
    const { dueAt: _omit, ...withoutDue } = request;
    expect(renderTaskNotification(withoutDue, link).text).not.toContain('Hạn hoàn thành');
  });
});
