import { useTranslation } from 'react-i18next';
import { useFormat } from './format';
import { DataTable } from './page-parts';
import { onTimeShare, UNIT_PERFORMANCE_COLUMNS, type UnitPerformance } from './review-input-words';
import './figures-trend.css';

/**
 * The review's tasks by unit (ISO 9.3.2 c 3): a row per unit, by name, then the tasks that are no
 * unit's work (the leaders', the Quality Representative's, the auditors'),
 * so that the leader sees which unit's work was late, escalated or urged, not only the year's sums.
 */
export function UnitPerformanceTable({
  rows,
  unitName,
}: {
  rows: UnitPerformance[];
  unitName: (code: string) => string;
}) {
  const { t, i18n } = useTranslation('cycles');
  const format = useFormat();
  if (rows.length === 0) return <span className="muted">{t('review.none')}</span>;
  const collator = new Intl.Collator(i18n.language === 'en' ? 'en' : 'vi');
  const named = rows
    .map((row) => ({ row, name: row.unitCode === null ? t('reviewInput.noUnit') : unitName(row.unitCode) }))
    .sort((a, b) =>
      a.row.unitCode === null ? 1 : b.row.unitCode === null ? -1 : collator.compare(a.name, b.name),
    );
  const figures = UNIT_PERFORMANCE_COLUMNS.map((column) => ({
    label: t(`reviewInput.${column}`),
    of: (row: UnitPerformance) =>
      column === 'onTimeShare' ? format.percent(onTimeShare(row)) : format.number(row[column]),
  }));
  return (
    <DataTable
      className="figures-trend unit-performance stacked-table"
      columns={[t('reviewInput.unitCode'), ...figures.map((figure) => figure.label)]}
    >
      {named.map(({ row, name }) => (
        <tr key={row.unitCode ?? ''}>
          <th scope="row">{name}</th>
          {figures.map((figure) => (
            <td key={figure.label} data-label={figure.label}>
              {figure.of(row)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
