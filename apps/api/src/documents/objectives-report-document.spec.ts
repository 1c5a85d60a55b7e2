import type { ReportIndicatorView } from '../cycles/dto/cycle-report.view';
import { indicatorVerdict } from './objectives-report-document';

type Figure = ReportIndicatorView['figures'][number];
const month = (
  periodKey: string,
  numerator: number,
  denominator: number,
  pendingOverdue: number | null,
): Figure => ({
  periodKey,
  numerator,
  denominator,
  pendingOverdue,
  value: null,
  achieved: null,
  late: false,
  corrected: null,
});
const onTime = (figures: Figure[]): ReportIndicatorView =>
  ({ id: 'obj-4-on-time', kind: 'ratio', figures, result: null }) as unknown as ReportIndicatorView;
const MORE_THAN_80 = { comparator: '>', value: 80 } as const;

describe("the objectives report counts objective 4's dossiers pending overdue as the engine does", () => {
  it('adds the latest month’s overdue stock to the settled dossiers, not every month’s', () => {
    // January: 41 of 50 settled on time, 10 still open and overdue; February: 39 of 45, 5 overdue.
    // The year: 80 on time of 95 settled + February's 5 overdue = 80/100, not above 80%.
    const verdict = indicatorVerdict(
      onTime([month('2024-01', 41, 50, 10), month('2024-02', 39, 45, 5)]),
      MORE_THAN_80,
    );
    expect(verdict).toEqual({
      cumulative: '80/100 (gồm 5 hồ sơ quá hạn đang giải quyết) (80%)',
      verdict: 'not-achieved',
    });
  });

  it('reads reports made before the question as they always were', () => {
    const verdict = indicatorVerdict(
      onTime([month('2024-01', 45, 50, null), month('2024-02', 46, 50, null)]),
      MORE_THAN_80,
    );
    expect(verdict).toEqual({ cumulative: '91/100 (91%)', verdict: 'achieved' });
  });
});
