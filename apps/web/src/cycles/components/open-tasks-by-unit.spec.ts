import { byHolder, byUnit, dueSoonAt, overdueAt, wholeDays } from './open-tasks-by-unit';

const now = Date.parse('2024-03-11T03:00:00.000Z'); // 10:00 on Monday 11 March 2024 in Vietnam
const at = (iso: string) => new Date(Date.parse(iso)).toISOString();
const task = (id: string, assigneeUserId: string, unitCode: string | null, dueAt?: string) => ({
  id,
  assigneeUserId,
  unitCode,
  ...(dueAt ? { dueAt: at(dueAt) } : {}),
});

const tasks = [
  task('march-report', 'lan', 'vp-kiemsoat-tthc', '2024-03-15T10:00:00.000Z'),
  task('approval', 'thap', null, '2024-03-11T10:00:00.000Z'),
  task('february-report', 'lan', 'vp-kiemsoat-tthc', '2024-03-06T10:00:00.000Z'),
  // Huy of Phòng Kinh tế audits Phòng Tổng hợp: seven days on to the minute.
  task('audit-step', 'huy', 'vp-tonghop', '2024-03-18T03:00:00.000Z'),
  task('review', 'thap', null, '2024-03-18T03:00:01.000Z'), // a second past the window
  task('january-report', 'minh', 'vp-tonghop', '2024-02-06T10:00:00.000Z'),
  task('undated', 'minh', 'vp-tonghop'),
];
const ids = (list: { id: string }[]) => list.map((t) => t.id);

describe('the dashboard’s open tasks by unit', () => {
  it('counts as overdue what is past its due time, the longest overdue first', () => {
    expect(ids(overdueAt(tasks, now))).toEqual(['january-report', 'february-report']);
  });

  it('counts as due soon what falls due from now to seven days on, as the inbox’s filter does, soonest first', () => {
    expect(ids(dueSoonAt(tasks, now))).toEqual(['approval', 'march-report', 'audit-step']);
    // The moment a task's due time passes, it leaves the soon list for the overdue one.
    const justAfter = Date.parse('2024-03-11T10:00:00.001Z');
    expect(ids(dueSoonAt(tasks, justAfter))).not.toContain('approval');
    expect(ids(overdueAt(tasks, justAfter))).toContain('approval');
  });

  it('says whole days, less than one as 0, never a negative count', () => {
    expect(wholeDays(now, Date.parse('2024-03-15T10:00:00.000Z'))).toBe(4);
    expect(wholeDays(now, Date.parse('2024-03-11T10:00:00.000Z'))).toBe(0);
    expect(wholeDays(Date.parse('2024-03-06T10:00:00.000Z'), now)).toBe(4);
    expect(wholeDays(now + 1000, now)).toBe(0);
  });

  it('groups by the unit whose work a task is, units by name and tasks in the order given, then no unit’s as ""', () => {
    // As the dashboard judges it (unitOfWork): an auditor's step is no unit's work.
    const unitOf = (t: (typeof tasks)[number]) => (t.id === 'audit-step' ? null : t.unitCode);
    const unitName = (code: string) =>
      ({
        'vp-kiemsoat-tthc': 'Phòng Kiểm soát thủ tục hành chính',
        'vp-tonghop': 'Phòng Tổng hợp',
        'vp-kinhte': 'Phòng Kinh tế',
        '': '',
      })[code] ?? code;
    const groups = byUnit(overdueAt(tasks, now).concat(dueSoonAt(tasks, now)), unitOf, unitName);
    expect(groups.map(({ unit, tasks: of }) => [unit, ids(of)])).toEqual([
      ['vp-kiemsoat-tthc', ['february-report', 'march-report']],
      ['vp-tonghop', ['january-report']],
      ['', ['approval', 'audit-step']],
    ]);
  });

  it('groups by holder, holders by name as Vietnamese sorts names and each one’s tasks in the order given', () => {
    const named: Record<string, string> = {
      lan: 'Nguyễn Thị Lan',
      thap: 'Đinh Hữu Tháp',
      huy: 'Bùi Quang Huy',
      minh: 'Dương Văn Minh',
    };
    expect(byHolder(tasks, (id) => named[id]).map((h) => [h.name, ids(h.tasks)])).toEqual([
      ['Bùi Quang Huy', ['audit-step']],
      ['Dương Văn Minh', ['january-report', 'undated']],
      ['Đinh Hữu Tháp', ['approval', 'review']],
      ['Nguyễn Thị Lan', ['march-report', 'february-report']],
    ]);
  });
});
