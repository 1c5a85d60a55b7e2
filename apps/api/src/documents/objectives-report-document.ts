import {
  cumulativeCases,
  meetsTarget,
  numericDate,
  parsePeriodKey,
  signatureBlock,
  type EarlierYearResult,
  type IndicatorTarget,
  type Objective,
} from '@qcycle/domain';
import type {
  CycleReportView,
  ReportIndicatorView,
  ReportObjectiveView,
} from '../cycles/dto/cycle-report.view';
import { issuerLines, issuerSymbol, type DecisionWording } from './decision-document';
import type { DocumentCalendar } from './document-calendar';
import {
  blankNumberAndSymbol,
  placeOfIssue,
  type DocumentBlock,
  type OfficialDocument,
} from './official-document';

/** What the year's objectives report is made from: the `/report` record, the decision's targets, its date. */
export interface ObjectivesReportRecord {
  report: CycleReportView;
  /** The approved objectives (the decision's): each indicator's exact target. */
  objectives: Objective[];
  /** The report's date `YYYY-MM-DD`: the day of the last record it reports (no clock). */
  date: string;
  /** How each objective ended the organisation's earlier years in qcycle (the trend, ISO 9.1.3). */
  earlierYears?: ReadonlyMap<string, readonly EarlierYearResult[]>;
  /** The calendar's day of an instant the engine wrote (a correction's): a rehearsal's are shifted. */
  dateOf: DocumentCalendar['dateOf'];
}

/** An indicator's year so far: its cumulative figure and the verdict against its target. */
export interface IndicatorVerdict {
  /** "80/100 (80%)", "1", or "" when nothing is reported. */
  cumulative: string;
  verdict: Verdict;
}

export type Verdict = 'achieved' | 'not-achieved' | 'not-evaluable';

export const VERDICT_LABELS: Record<Verdict, string> = {
  achieved: 'Đạt',
  'not-achieved': 'Không đạt',
  'not-evaluable': 'Chưa đủ số liệu để đánh giá',
};

/**
 * The year's objectives report (ISO 9001 9.1.3, presented at the management review and with the
 * annual report): each objective with its indicators, target, the figure of every period, the
 * cumulative result and the verdict, and a chart of each measured indicator against its target.
 * The verdict is exact ({@link meetsTarget}): 80/100 against "trên 80%" is not achieved.
 */
export function objectivesReportDocument(
  record: ObjectivesReportRecord,
  wording: DecisionWording,
): OfficialDocument {
  const { report } = record;
  const issuer = wording.organisation.name.vi;
  const subject = `Kết quả thực hiện Mục tiêu chất lượng năm ${report.year}`;
  const verdicts = report.objectives.map((o) => objectiveVerdict(o, record.objectives));
  const trendYears = [...new Set([...(record.earlierYears?.values() ?? [])].flat().map((e) => e.year))].sort(
    (a, b) => b - a,
  );
  const achieved = verdicts.filter((v) => v === 'achieved').length;
  const body: DocumentBlock[] = [
    { kind: 'heading', text: 'I. CĂN CỨ' },
    {
      kind: 'paragraph',
      text:
        `Quyết định số ${report.decision.documentNumber} ngày ${numericDate(report.decision.signingDate)} ` +
        `của ${issuer} phê duyệt Mục tiêu chất lượng năm ${report.year} áp dụng tại ${wording.scope.vi}; ` +
        'số liệu do các phòng, đơn vị báo cáo theo từng kỳ.',
    },
    { kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN TỪNG MỤC TIÊU' },
  ];
  let chartNumber = 0;
  for (const [index, objective] of report.objectives.entries()) {
    body.push({ kind: 'heading', text: `${objective.number}. ${objective.title.vi}` });
    for (const indicator of objective.indicators) {
      const target = targetOf(record.objectives, objective.id, indicator.id);
      const { cumulative, verdict } = indicatorVerdict(indicator, target);
      body.push({
        kind: 'paragraph',
        label: 'Chỉ số:',
        text:
          `${indicator.label.vi}; chỉ tiêu: ${indicator.targetText ?? 'đạt yêu cầu'}` +
          (indicator.measuredByEngine ? ' (theo dõi từ hồ sơ của hệ thống).' : '.'),
      });
      if (indicator.figures.length > 0)
        body.push({
          kind: 'table',
          columns: ['Kỳ báo cáo', 'Số liệu', 'Kết quả', 'So với chỉ tiêu'],
          rows: [
            ...indicator.figures.map((f) => [
              periodLabel(f.periodKey) +
                (f.late ? ' (nộp muộn)' : '') +
                // Reported on paper before qcycle asked for it: the day and number an auditor checks.
                (f.paperReport
                  ? ` (báo cáo giấy ngày ${numericDate(f.paperReport.date)}, số ${f.paperReport.reference})`
                  : '') +
                // Corrected since it was reported: the figure is not the one the report sent (below).
                (f.corrected ? ' (số liệu đã điều chỉnh)' : ''),
              figureText(f),
              valueText(figureValue(f), indicator.kind),
              periodVerdict(f, target),
            ]),
            ['Lũy kế', cumulative, '', VERDICT_LABELS[verdict]],
          ],
        });
      const corrections = correctionsText(indicator, record.dateOf);
      if (corrections)
        body.push({ kind: 'paragraph', label: 'Số liệu điều chỉnh sau khi báo cáo:', text: corrections });
      body.push({
        kind: 'paragraph',
        label: 'Kết quả lũy kế:',
        text: `${cumulative || 'chưa có số liệu'}. Đánh giá: ${VERDICT_LABELS[verdict]}.`,
      });
      if (target && indicator.kind !== 'judged' && indicator.figures.length > 0) {
        chartNumber += 1;
        body.push({
          kind: 'chart',
          id: indicator.id,
          chart: {
            title: `Biểu đồ ${chartNumber}. ${indicator.label.vi} so với chỉ tiêu`,
            unit: indicator.kind === 'ratio' ? '%' : '',
            target: { value: target.value, text: indicator.targetText ?? String(target.value) },
            points: indicator.figures.map((f) => ({
              label: periodLabel(f.periodKey),
              value: figureValue(f),
            })),
          },
        });
      }
    }
    body.push({
      kind: 'paragraph',
      label: 'Đánh giá mục tiêu:',
      text: `${VERDICT_LABELS[verdicts[index]]}${objective.final ? ' (kết quả cả năm)' : ' (kết quả đến thời điểm báo cáo)'}.`,
    });
  }
  body.push(
    { kind: 'heading', text: 'III. TỔNG HỢP' },
    {
      kind: 'table',
      // The earlier years the organisation closed in qcycle, latest first: the trend beside this year.
      columns: ['Mục tiêu', 'Đánh giá', ...trendYears.map((year) => `Năm ${year}`)],
      rows: report.objectives.map((o, i) => [
        `Mục tiêu ${o.number}`,
        VERDICT_LABELS[verdicts[i]],
        ...trendYears.map((year) => {
          const earlier = record.earlierYears?.get(o.id)?.find((e) => e.year === year);
          return earlier ? VERDICT_LABELS[earlier.result] : 'Chưa theo dõi';
        }),
      ]),
    },
    {
      kind: 'paragraph',
      text: `Đạt ${achieved}/${report.objectives.length} mục tiêu chất lượng năm ${report.year}.`,
    },
  );
  return {
    fileBaseName: `BC-MTCL-${report.year}`,
    properties: { title: `Báo cáo ${lowerFirst(subject)}`, subject, author: issuer, date: record.date },
    header: {
      issuingBody: issuerLines(issuer),
      numberAndSymbol: blankNumberAndSymbol('BÁO CÁO', issuerSymbol(issuer)),
      place: placeOfIssue(issuer),
      date: record.date,
    },
    documentType: 'BÁO CÁO',
    summary: [subject],
    preamble: [],
    body,
    recipients: wording.recipients.filter((r) => !/^Như Điều/u.test(r)),
    signature: { lines: signatureBlock(wording.signer), name: report.decision.signerName },
  };
}

/**
 * The objective's verdict: the year's result once the cycle closed; before, from its indicators
 * (achieved when every one is, not achieved when one is not).
 */
export function objectiveVerdict(objective: ReportObjectiveView, objectives: Objective[]): Verdict {
  if (objective.final) return verdictOfStatus(objective.status) ?? 'not-evaluable';
  const verdicts = objective.indicators.map(
    (i) => indicatorVerdict(i, targetOf(objectives, objective.id, i.id)).verdict,
  );
  if (verdicts.includes('not-achieved')) return 'not-achieved';
  return verdicts.length > 0 && verdicts.every((v) => v === 'achieved') ? 'achieved' : 'not-evaluable';
}

/**
 * The cumulative figure of the periods reported (ratios summed over their cases, counts added, a
 * judged indicator as its last judgement) and its verdict against the target, exactly: the year's
 * result when there is one (the engine's, same rule).
 */
export function indicatorVerdict(
  indicator: ReportIndicatorView,
  target: IndicatorTarget | undefined,
): IndicatorVerdict {
  const recorded = indicator.result ? verdictOfStatus(indicator.result) : undefined;
  const figures = indicator.figures;
  if (indicator.kind === 'ratio') {
    const {
      numerator,
      cases: denominator,
      pendingOverdue,
    } = cumulativeCases(
      figures.map((f) => ({
        numerator: f.numerator ?? 0,
        denominator: f.denominator ?? 0,
        pendingOverdue: f.pendingOverdue,
      })),
    );
    if (denominator === 0) return { cumulative: '', verdict: recorded ?? 'not-evaluable' };
    const percent = Math.round((numerator * 10000) / denominator) / 100;
    const computed = target
      ? meetsTarget(target, { kind: 'ratio', numerator, denominator, percent })
        ? 'achieved'
        : 'not-achieved'
      : 'not-evaluable';
    return {
      cumulative: `${numerator}/${denominator}${overdueNote(pendingOverdue)} (${percentText(percent)})`,
      verdict: recorded ?? computed,
    };
  }
  if (indicator.kind === 'count') {
    const values = figures.map((f) => f.value).filter((v): v is number => v !== null);
    if (values.length === 0) return { cumulative: '', verdict: recorded ?? 'not-evaluable' };
    const total = sum(values);
    const computed = target ? (meetsTarget(target, total) ? 'achieved' : 'not-achieved') : 'not-evaluable';
    return { cumulative: String(total), verdict: recorded ?? computed };
  }
  const last = figures[figures.length - 1];
  if (!last || last.achieved === null) return { cumulative: '', verdict: recorded ?? 'not-evaluable' };
  return {
    cumulative: last.achieved ? 'đạt yêu cầu' : 'không đạt yêu cầu',
    verdict: recorded ?? (last.achieved ? 'achieved' : 'not-achieved'),
  };
}

function verdictOfStatus(status: string): Verdict | undefined {
  return status === 'achieved' ? 'achieved' : status === 'missed' ? 'not-achieved' : undefined;
}

function targetOf(
  objectives: Objective[],
  objectiveId: string,
  indicatorId: string,
): IndicatorTarget | undefined {
  const indicator = objectives
    .find((o) => o.id === objectiveId)
    ?.indicators.find((i) => i.id === indicatorId);
  return indicator && 'target' in indicator ? indicator.target : undefined;
}

/** `2024-03` → `03/2024`, `2024-Q1` → `Quý 1/2024`, `2024-H1` → `6 tháng đầu năm 2024`, `2024` → `Năm 2024`. */
export function periodLabel(key: string): string {
  const period = parsePeriodKey(key);
  if (!period) return key;
  switch (period.frequency) {
    case 'monthly':
      return `${String(period.index).padStart(2, '0')}/${period.year}`;
    case 'quarterly':
      return `Quý ${period.index}/${period.year}`;
    case 'half-yearly':
      return `${period.index === 1 ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${period.year}`;
    case 'yearly':
      return `Năm ${period.year}`;
  }
}

/** 80 → `80%`, 66.67 → `66,67%` (Vietnamese decimal comma). */
export function percentText(percent: number): string {
  return `${String(percent).replace('.', ',')}%`;
}

function figureText(figure: Figure): string {
  const share = shareOf(figure);
  if (share) return `${share.numerator}/${share.cases}${overdueNote(figure.pendingOverdue)}`;
  if (figure.value !== null) return String(figure.value);
  return figure.achieved === null ? '-' : figure.achieved ? 'đạt yêu cầu' : 'không đạt yêu cầu';
}

type Figure = ReportIndicatorView['figures'][number];

/**
 * The periods whose figures were corrected after they were reported, for the reader to check the
 * table against the reports as sent (ISO 9001 7.5.3): as reported, as corrected, the day of the
 * last correction and its reason; undefined when none was.
 */
function correctionsText(
  indicator: ReportIndicatorView,
  dateOf: DocumentCalendar['dateOf'],
): string | undefined {
  const lines = indicator.figures.flatMap((f) => {
    if (!f.corrected) return [];
    const { times, lastAt, lastReason, asReported } = f.corrected;
    const day = numericDate(dateOf(lastAt));
    return [
      `${periodLabel(f.periodKey)}: báo cáo ${figureText({ ...f, ...asReported })}, ` +
        (times > 1 ? `điều chỉnh ${times} lần, lần cuối ngày ${day}` : `điều chỉnh ngày ${day}`) +
        ` thành ${figureText(f)}, lý do: ${lastReason.trim().replace(/\.+$/, '')}`,
    ];
  });
  return lines.length > 0 ? `${lines.join('; ')}.` : undefined;
}

/** A ratio's percentage (2 decimals, for display and the chart; null over 0 cases), a count's value. */
function figureValue(figure: Figure): number | null {
  const share = shareOf(figure);
  if (share) return share.cases === 0 ? null : Math.round((share.numerator * 10000) / share.cases) / 100;
  return figure.value;
}

/**
 * A ratio's period as the engine counts it: the cases met of the cases settled plus, where the
 * indicator asks, those pending overdue at the period's end (docs/objectives.md).
 */
function shareOf(figure: Figure): { numerator: number; cases: number } | undefined {
  if (figure.numerator === null || figure.denominator === null) return undefined;
  return cumulativeCases([
    { numerator: figure.numerator, denominator: figure.denominator, pendingOverdue: figure.pendingOverdue },
  ]);
}

/** Says that the cases include dossiers pending overdue, so the reader can follow the rate. */
function overdueNote(pendingOverdue: number | null | undefined): string {
  return pendingOverdue ? ` (gồm ${pendingOverdue} hồ sơ quá hạn đang giải quyết)` : '';
}

/** One period against the target: exact for a ratio, the judgement for a judged indicator. */
function periodVerdict(figure: Figure, target: IndicatorTarget | undefined): string {
  if (figure.achieved !== null) return figure.achieved ? 'Đạt' : 'Không đạt';
  const share = shareOf(figure);
  if (!target || !share || share.cases === 0) return '-';
  const { numerator, cases: denominator } = share;
  const percent = Math.round((numerator * 10000) / denominator) / 100;
  return meetsTarget(target, { kind: 'ratio', numerator, denominator, percent }) ? 'Đạt' : 'Không đạt';
}

function valueText(value: number | null, kind: string): string {
  if (value === null) return '-';
  return kind === 'ratio' ? percentText(value) : String(value);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
