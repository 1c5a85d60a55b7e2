import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';
import { DataTable } from './page-parts';
import './figures-trend.css';

/** How many audit steps ended with each result (`null`: not judged): the audits' figure of that name. */
type ResultCounts = { result: string | null; count: number }[];
type Figure = number | ResultCounts;

/** A compiled input of the review with its earlier years: this year's figures and theirs, by name. */
interface FiguresWithTrend {
  figures: [string, Figure][];
  earlierYears: { year: number; figures: Record<string, unknown> }[];
}

const isResultCounts = (value: unknown): value is ResultCounts =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.count === 'number' &&
      (item.result === null || typeof item.result === 'string'),
  );
const isFigure = (value: unknown): value is Figure => typeof value === 'number' || isResultCounts(value);

/**
 * The review's process performance, nonconformities and audits (ISO 9.3.2 c 3, 4, 6), when they
 * carry earlier years: figures only (counts, or counts per result), each earlier year a record with
 * its `year`. Anything else is left to the generic view.
 */
export function figuresWithTrendOf(value: unknown): FiguresWithTrend | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { earlierYears, ...rest } = value as Record<string, unknown>;
  const figures = Object.entries(rest);
  if (!Array.isArray(earlierYears) || earlierYears.length === 0) return undefined;
  if (figures.length === 0 || !figures.every(([, figure]) => isFigure(figure))) return undefined;
  if (!earlierYears.every((earlier) => typeof earlier?.year === 'number')) return undefined;
  return {
    figures: figures as [string, Figure][],
    earlierYears: earlierYears.map(({ year, ...figures }) => ({ year, figures })),
  };
}

/**
 * The year the review looks at, for the column of its own figures: the page that knows it provides
 * it (the task's cycle, the review's); without it the column reads "this year".
 */
export const ReviewYear = createContext<string | undefined>(undefined);

/**
 * "Including trends" (ISO 9.3.2 c): one row per figure, this year's beside each earlier year's, so
 * that the leader reads across a row to see which way it went, rather than comparing two lists.
 */
export function FiguresTrend({ value }: { value: FiguresWithTrend }) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  const year = useContext(ReviewYear);
  const columns = [
    t('reviewInput.figure'),
    year ?? t('reviewInput.thisYear'),
    ...value.earlierYears.map((earlier) => String(earlier.year)),
  ];
  const text = (figure: unknown) => {
    if (typeof figure === 'number') return format.number(figure);
    if (!isResultCounts(figure)) return '—';
    if (figure.length === 0) return t('review.none');
    return figure
      .map(({ result, count }) =>
        t('reviewInput.resultCount', {
          result:
            result === null
              ? t('reviewInput.notJudged')
              : t(`reviewValue.${result}`, { defaultValue: result }),
          count: format.number(count),
        }),
      )
      .join('; ');
  };
  return (
    <DataTable className="figures-trend stacked-table" columns={columns}>
      {value.figures.map(([key, figure]) => (
        <tr key={key}>
          <th scope="row">{t(`reviewInput.${key}`, { defaultValue: key })}</th>
          <td data-label={columns[1]}>{text(figure)}</td>
          {value.earlierYears.map((earlier, index) => (
            <td key={earlier.year} data-label={columns[index + 2]}>
              {text(earlier.figures[key])}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
