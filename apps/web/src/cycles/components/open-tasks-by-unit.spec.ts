import { byUnit, dueSoonAt, overdueAt, wholeDays } from './open-tasks-by-unit';

const now = Date.parse('2024-03-11T03:00:00.000Z'); // 10:00 on Monday 11 March 2024 in Vietnam
const at = (iso: string) => new Date(Date.parse(iso)).toISOString();
const task = (id: string, assigneeUserId: string, dueAt?: string) => ({
  id,
  assigneeUserId,
  ...(dueAt ? { dueAt: at(dueAt) } : {}),
});

const tasks = [
  task('march-report', 'lan', '2024-03-15T10:00:00.000Z'),
  task('approval', 'thap', '2024-03-11T10:00:00.000Z'),
  task('february-report', 'lan', '2024-03-06T10:00:00.000Z'),
  task('audit-step', 'huy', '2024-03-18T03:00:00.000Z'), // seven days on to the minute
  task('review', 'thap', '2024-03-18T03:00:01.000Z'), // a second past the window
  task('january-report', 'minh', '2024-02-06T10:00:00.000Z'),
  task('undated', 'minh'),
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

  it('groups by the assignee’s unit, units by name and tasks in the order given, the unknown unit as ""', () => {
    const unitOf = (userId: string) =>
      ({ lan: 'vp-kiemsoat-tthc', minh: 'vp-tonghop', huy: 'vp-kinhte' })[userId];
    const unitName = (code: string) =>
      ({
        'vp-kiemsoat-tthc': 'Phòng Kiểm soát thủ tục hành chính',
        'vp-tonghop': 'Phòng Tổng hợp',
        'vp-kinhte': 'Phòng Kinh tế',
        '': '',
      })[code] ?? code;
    const groups = byUnit(overdueAt(tasks, now).concat(dueSoonAt(tasks, now)), unitOf, unitName);
    expect(groups.map(({ unit, tasks: of }) => [unit, ids(of)])).toEqual([
      ['', ['approval']],
      ['vp-kiemsoat-tthc', ['february-report', 'march-report']],
      ['vp-kinhte', ['audit-step']],
      ['vp-tonghop', ['january-report']],
    ]);
  });
});
