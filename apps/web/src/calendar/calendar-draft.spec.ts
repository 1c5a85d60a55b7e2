import { bodyFrom, draftFrom, type CalendarSettings } from './calendar-draft';

const MESSAGES = { wholeNumber: 'whole', chooseDate: 'date', chooseTime: 'time' };

/** The 2027 default calendar as GET /calendars/2027 answers it. */
const DEFAULTS: CalendarSettings = {
  monitoring: { dueWorkingDaysAfterPeriodEnd: 5, dueTime: '17:00' },
  reminderBeforeDueDays: 2,
  escalationAfterDueDays: { unitHead: 2, qualityRepresentative: 5 },
  notificationTime: '08:00',
  auditWindow: { from: '2027-10-01', to: '2027-10-31' },
  managementReviewDate: '2027-12-15',
  closeDate: '2028-01-24',
  addedHolidays: [],
  removedHolidays: [],
};

describe("the calendar page's form and the body PUT /calendars/{year} takes", () => {
  it('sends back what it was given, leaving unset what was unset', () => {
    expect(bodyFrom(draftFrom(DEFAULTS), MESSAGES)).toEqual({ body: DEFAULTS, problems: [] });
    const saved: CalendarSettings = {
      ...DEFAULTS,
      monitoring: { ...DEFAULTS.monitoring, periodCutOffDay: 15 },
      startOfYear: { approvalWorkingDays: 7 },
      addedHolidays: [{ date: '2027-09-14', name: 'Ngày thành lập tỉnh' }],
      removedHolidays: [{ date: '2027-02-11', name: 'Làm bù theo thông báo' }],
    };
    expect(bodyFrom(draftFrom(saved), MESSAGES)).toEqual({ body: saved, problems: [] });
  });

  it('trims names and the reason, reads a time as typed (7h30) as the API takes it, and leaves out an empty reason', () => {
    const draft = draftFrom(DEFAULTS);
    draft.addedHolidays.push({ key: 0, date: '2027-09-14', name: '  Ngày thành lập tỉnh ' });
    draft.notificationTime = '7h30';
    draft.reason = '  Thêm ngày thành lập tỉnh ';
    const { body } = bodyFrom(draft, MESSAGES);
    expect(body).toMatchObject({
      notificationTime: '07:30',
      addedHolidays: [{ date: '2027-09-14', name: 'Ngày thành lập tỉnh' }],
      reason: 'Thêm ngày thành lập tỉnh',
    });
    draft.reason = '   ';
    expect(bodyFrom(draft, MESSAGES).body).not.toHaveProperty('reason');
  });

  it('names, by the paths the API uses, the fields left empty or not whole numbers', () => {
    const draft = draftFrom(DEFAULTS);
    draft.dueWorkingDaysAfterPeriodEnd = '';
    draft.escalationUnitHead = '2,5';
    draft.periodCutOffDay = '';
    draft.startOfYear.unitAcceptanceWorkingDays = '-1';
    draft.auditTo = '';
    draft.dueTime = '';
    draft.addedHolidays.push({ key: 0, date: '', name: 'Ngày thành lập tỉnh' });
    expect(bodyFrom(draft, MESSAGES)).toEqual({
      problems: [
        { path: 'startOfYear.unitAcceptanceWorkingDays', reason: 'whole' },
        { path: 'monitoring.dueWorkingDaysAfterPeriodEnd', reason: 'whole' },
        { path: 'monitoring.dueTime', reason: 'time' },
        { path: 'escalationAfterDueDays.unitHead', reason: 'whole' },
        { path: 'auditWindow.to', reason: 'date' },
        { path: 'addedHolidays[0].date', reason: 'date' },
      ],
    });
  });
});
