import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useLoad } from '../../ui/page-state';
import type { Schemas } from './format';
import { DataTable, Fact } from './page-parts';

type RosterPerson = Schemas['RosterPersonView'];

/**
 * Who would get the year's work if it were started now (GET /roster): the year takes its roster from
 * the directory once, at its start, so a wrong head or a missing auditor found after costs a year of
 * hand-overs. Each unit with whoever takes its work — the Quality Representative where it has no head;
 * with several heads, whether that one was chosen or is the first by name — and its staff; the leaders, the lead auditor and the auditors; and, first, what the directory
 * still lacks, which the start would be refused for.
 */
export function RosterPreview() {
  const { t, i18n } = useTranslation('cycles');
  const roster = useLoad(() => ok(api.GET('/api/v1/roster')), []);
  const language = i18n.language === 'en' ? 'en' : 'vi';
  const names = (people: RosterPerson[]) => (people.length ? people.map((p) => p.name).join(', ') : '—');
  const taken = roster.data;
  return (
    <section className="roster-preview" aria-labelledby="roster-preview-heading">
      <h3 id="roster-preview-heading">{t('roster.title')}</h3>
      <p className="field-hint">{t('roster.hint')}</p>
      {roster.error !== undefined && <p className="notice notice-error">{t('roster.unavailable')}</p>}
      {roster.loading && <p className="muted loading">{t('loading')}</p>}
      {taken && (
        <>
          {taken.missing.length > 0 && (
            <div className="notice notice-warn" role="status">
              <p>{t('roster.missing')}</p>
              <ul>
                {taken.missing.map((role) => (
                  <li key={role}>
                    {/* The API names them as ROSTER_INCOMPLETE does: the auditors' with why two. */}
                    {role.startsWith('auditor') ? t('roster.missingAuditors') : t(`directory:roles.${role}`)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <dl className="facts">
            <Fact label={t('roster.leaders')}>{names(taken.leaders)}</Fact>
            <Fact label={t('roster.qualityRepresentative')}>{taken.qualityRepresentative?.name ?? '—'}</Fact>
            <Fact label={t('roster.leadAuditor')}>{taken.leadAuditor?.name ?? '—'}</Fact>
            <Fact label={t('roster.auditors')}>{names(taken.auditors)}</Fact>
          </dl>
          <DataTable
            className="stacked-table"
            caption={t('roster.unitsCaption')}
            captionHidden
            columns={[t('roster.unit'), t('roster.head'), t('roster.staff')]}
          >
            {taken.units.map((unit) => (
              <tr key={unit.code}>
                <th scope="row">{unit.name[language]}</th>
                <td data-label={t('roster.head')}>
                  {unit.head?.name ?? '—'}
                  {unit.standsIn && unit.head && <span className="muted small"> {t('roster.standsIn')}</span>}
                  {/* Several heads: whether someone chose this one, so a year is not started on a name's order. */}
                  {unit.otherHeads.length > 0 && (
                    <span className="muted small">
                      {' '}
                      {t(unit.chosen ? 'roster.chosenAmong' : 'roster.firstByName', {
                        others: names(unit.otherHeads),
                      })}
                    </span>
                  )}
                </td>
                <td data-label={t('roster.staff')}>{names(unit.staff)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
