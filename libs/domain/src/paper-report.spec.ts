import { periodsFor } from './cycle-calendar';
import { KONTUM_2024_TEMPLATE } from './templates/kontum-2024.template';
import { isPaperDayLate, openedAfterDue, PAPER_REPORT_REFERENCE_MAX_LENGTH } from './paper-report';
import { measurementsFromReport, validateMeasurementReport } from './task-outcomes';
import { TASK_OUTCOME_SCHEMAS } from './task-outcome-schemas';
import { vnLocalToInstant } from './vietnam-time';

const objective4 = KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === 'obj-4')!;
const figures = [
  { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
  { indicatorId: 'obj-4-on-time', numerator: 90, denominator: 100 },
];
/** January 2024 reported in qcycle in June: the period ended on 31 January, it came due in February. */
const lateStart = { periodEnd: '2024-01-31', today: '2024-06-10', openedAfterDue: true };
const report = (paperReport: unknown) => ({ figures, evidence: ['BC-01/2024'], paperReport });
const problemsOf = (paperReport: unknown, context: Parameters<typeof validateMeasurementReport>[3]) =>
  validateMeasurementReport(report(paperReport), objective4.indicators, '2024-01', context).map(
    (p) => `${p.path} ${p.code}`,
  );

describe('a measurement report made on paper', () => {
  it('is accepted on a task that opened after its due instant, dated from the period’s end to today', () => {
    for (const date of ['2024-01-31', '2024-02-05', '2024-06-10'])
      expect(problemsOf({ date, reference: '45/BC-VP' }, lateStart)).toEqual([]);
    // A report without one is what it always was, wherever the task opened.
    expect(
      validateMeasurementReport({ figures, evidence: ['BC'] }, objective4.indicators, '2024-01', {
        ...lateStart,
        openedAfterDue: false,
      }),
    ).toEqual([]);
  });

  it('names the date when it is after today, before the period ended, or not a real day', () => {
    expect(problemsOf({ date: '2024-06-11', reference: '45/BC-VP' }, lateStart)).toEqual([
      'paperReport.date out-of-range',
    ]);
    expect(problemsOf({ date: '2024-01-30', reference: '45/BC-VP' }, lateStart)).toEqual([
      'paperReport.date out-of-range',
    ]);
    for (const date of ['2024-02-30', '05/02/2024', '', 20240205])
      expect(problemsOf({ date, reference: '45/BC-VP' }, lateStart)).toEqual([
        'paperReport.date invalid-format',
      ]);
    const [future] = validateMeasurementReport(
      report({ date: '2024-12-01', reference: '45/BC-VP' }),
      objective4.indicators,
      '2024-01',
      lateStart,
    );
    expect(future.reason).toBe('Ngày báo cáo giấy không được sau ngày hôm nay (10/06/2024).');
  });

  it('names the reference when it is missing, blank or too long', () => {
    for (const reference of [undefined, '', '   ', 45, 'x'.repeat(PAPER_REPORT_REFERENCE_MAX_LENGTH + 1)])
      expect(problemsOf({ date: '2024-02-05', reference }, lateStart)).toEqual([
        'paperReport.reference required',
      ]);
    expect(
      problemsOf({ date: '2024-02-05', reference: 'đ'.repeat(PAPER_REPORT_REFERENCE_MAX_LENGTH) }, lateStart),
    ).toEqual([]);
    // Both at once, and the figures' own problems beside them.
    expect(
      validateMeasurementReport(
        { figures: [figures[0]], evidence: ['BC'], paperReport: { date: '2025-01-01' } },
        objective4.indicators,
        '2024-01',
        lateStart,
      ).map((p) => p.path),
    ).toEqual([
      'paperReport.reference',
      'figures[obj-4-on-time].numerator',
      'figures[obj-4-on-time].denominator',
    ]);
  });

  it('is refused whole on a task that was open in time, and where the task is not known', () => {
    const inTime = { ...lateStart, openedAfterDue: false };
    expect(problemsOf({ date: '2024-02-05', reference: '45/BC-VP' }, inTime)).toEqual([
      'paperReport invalid-value',
    ]);
    expect(problemsOf({ date: '2024-02-05', reference: '45/BC-VP' }, undefined)).toEqual([
      'paperReport invalid-value',
    ]);
    expect(problemsOf('45/BC-VP', lateStart)).toEqual(['paperReport invalid-value']);
  });

  it('is published in the outcome schema the API serves', () => {
    const paper = TASK_OUTCOME_SCHEMAS['measurement-report'].properties?.paperReport;
    expect(paper).toMatchObject({
      type: 'object',
      title: 'Đã báo cáo bằng văn bản giấy',
      required: ['date', 'reference'],
      properties: {
        date: { type: 'string', format: 'date' },
        reference: { type: 'string', minLength: 1, maxLength: PAPER_REPORT_REFERENCE_MAX_LENGTH },
      },
    });
  });
});

describe('the lateness of a report made on paper', () => {
  const [january] = periodsFor('monthly', 2024);

  it('is judged by its day against the due instant’s day in Vietnam', () => {
    // January 2024 is due five working days after the 31st: Wednesday 7 February, 17:00.
    expect(january.dueAt).toBe(vnLocalToInstant('2024-02-07', '17:00'));
    expect(isPaperDayLate('2024-02-05', january.dueAt)).toBe(false);
    // The paper gives no hour: signed on the due day is on time.
    expect(isPaperDayLate('2024-02-07', january.dueAt)).toBe(false);
    expect(isPaperDayLate('2024-02-08', january.dueAt)).toBe(true);
    // A due instant just after midnight in Vietnam is still that Vietnam day, not the UTC one.
    expect(isPaperDayLate('2024-02-07', vnLocalToInstant('2024-02-07', '00:30'))).toBe(false);
  });

  it('is carried by each measurement of the report, with the reference as written', () => {
    const [perProcess, onTime] = measurementsFromReport(
      objective4.indicators,
      { figures, evidence: ['BC-01/2024'] },
      {
        periodKey: '2024-01',
        reportedAt: '2024-06-10T03:00:00.000Z',
        late: false,
        paperReport: { date: '2024-02-05', reference: ' 45/BC-VP ' },
      },
    );
    expect(perProcess).toMatchObject({
      late: false,
      paperReport: { date: '2024-02-05', reference: '45/BC-VP' },
    });
    expect(onTime.paperReport).toEqual(perProcess.paperReport);
    const [entered] = measurementsFromReport(
      objective4.indicators,
      { figures, evidence: ['BC-01/2024'] },
      {
        periodKey: '2024-01',
        reportedAt: '2024-06-10T03:00:00.000Z',
        late: true,
      },
    );
    expect(entered).not.toHaveProperty('paperReport');
  });
});

describe('a task opened after its due instant', () => {
  it('is one that opened strictly after it (17:00:00 sharp is in time), and only one that has a due', () => {
    const due = Date.parse('2024-02-07T10:00:00.000Z');
    expect(openedAfterDue(due + 1, due)).toBe(true);
    expect(openedAfterDue(due, due)).toBe(false);
    expect(openedAfterDue(due - 86_400_000, due)).toBe(false);
    expect(openedAfterDue(due, undefined)).toBe(false);
    expect(openedAfterDue(due, null)).toBe(false);
  });
});
