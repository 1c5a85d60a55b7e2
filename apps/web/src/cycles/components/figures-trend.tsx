import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './format';
import { DataTable } from './page-parts';
import { isResultCounts, type FiguresWithTrend } from './review-input-words';
import './figures-trend.css';

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
