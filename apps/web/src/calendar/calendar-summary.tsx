import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { components } from '../api/schema';
import { formatDay, formatInstant } from '../ui/dates';
import { personName } from '../ui/person-names';
import { usePeople } from '../ui/people';
import { START_OF_YEAR_FIELDS, type CalendarView } from './calendar-draft';

type CalendarVersion = components['schemas']['CalendarVersionView'];

/** "Thứ Sáu, 01/01/2027" / "Friday, 1 Jan 2027": a holiday's weekday matters (a Saturday one gives a day off). */
export function DayWithWeekday({ day }: { day: string }) {
  const { i18n } = useTranslation();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const weekday = match
    ? new Intl.DateTimeFormat(i18n.language.startsWith('en') ? 'en-GB' : 'vi-VN', {
        weekday: 'long',
        timeZone: 'UTC',
      }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))))
    : '';
  return (
    <time dateTime={day}>
      {weekday ? `${weekday}, ` : ''}
      {formatDay(day, i18n.language)}
    </time>
  );
}

/** One label and its value, in a fact list. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Which version is shown: in force, an earlier one, or the default; saved when, by whom, why. */
export function VersionFacts({ calendar }: { calendar: CalendarView }) {
  const { t, i18n } = useTranslation('calendar');
  const people = usePeople();
  const shown =
    calendar.version === 0
      ? t('version.default')
      : calendar.version === calendar.currentVersion
        ? t('version.inForce', { version: calendar.version })
        : t('version.earlier', { version: calendar.version });
  return (
    <dl className="cal-facts">
      <Fact label={t('version.label')}>{shown}</Fact>
      {calendar.savedAt && (
        <Fact label={t('version.savedAt')}>{formatInstant(calendar.savedAt, i18n.language)}</Fact>
      )}
      {calendar.savedBy && (
        <Fact label={t('version.savedBy')}>{personName(people, calendar.savedBy, { title: false })}</Fact>
      )}
      {calendar.reason && <Fact label={t('version.reason')}>{calendar.reason}</Fact>}
    </dl>
  );
}

/**
 * The year's dates, the reports' and reminders' settings and the start-of-year allowances in force,
 * to read; an allowance the calendar leaves unset is qcycle's default, said as such.
 */
export function SettingsSummary({ calendar }: { calendar: CalendarView }) {
  const { t, i18n } = useTranslation('calendar');
  const { settings } = calendar;
  const day = (value: string) => formatDay(value, i18n.language);
  const workingDays = (count: number) => t('monitoring.workingDays', { count });
  const { monitoring } = settings;
  return (
    <>
      <section aria-labelledby="cal-milestones" className="card">
        <h2 id="cal-milestones">{t('milestones.title')}</h2>
        <dl className="cal-facts">
          <Fact label={t('milestones.auditWindow')}>
            {t('milestones.auditWindowValue', {
              from: day(settings.auditWindow.from),
              to: day(settings.auditWindow.to),
            })}
          </Fact>
          <Fact label={t('milestones.managementReviewDate')}>
            <DayWithWeekday day={settings.managementReviewDate} />
          </Fact>
          <Fact label={t('milestones.closeDate')}>
            <DayWithWeekday day={settings.closeDate} />
          </Fact>
        </dl>
      </section>
      <section aria-labelledby="cal-monitoring" className="card">
        <h2 id="cal-monitoring">{t('monitoring.title')}</h2>
        <dl className="cal-facts">
          <Fact label={t('monitoring.dueWorkingDaysAfterPeriodEnd')}>
            {workingDays(monitoring.dueWorkingDaysAfterPeriodEnd)}
          </Fact>
          <Fact label={t('monitoring.dueTime')}>{monitoring.dueTime}</Fact>
          <Fact label={t('monitoring.periodCutOffDay')}>
            {monitoring.periodCutOffDay === undefined
              ? t('monitoring.calendarMonths')
              : t('monitoring.dayOfMonth', { day: monitoring.periodCutOffDay })}
          </Fact>
          <Fact label={t('monitoring.reminderBeforeDueDays')}>
            {workingDays(settings.reminderBeforeDueDays)}
          </Fact>
          <Fact label={t('monitoring.escalationUnitHead')}>
            {workingDays(settings.escalationAfterDueDays.unitHead)}
          </Fact>
          <Fact label={t('monitoring.escalationQualityRepresentative')}>
            {workingDays(settings.escalationAfterDueDays.qualityRepresentative)}
          </Fact>
          <Fact label={t('monitoring.notificationTime')}>{settings.notificationTime}</Fact>
        </dl>
      </section>
      <section aria-labelledby="cal-start-of-year" className="card">
        <h2 id="cal-start-of-year">{t('startOfYear.title')}</h2>
        <dl className="cal-facts">
          {START_OF_YEAR_FIELDS.map((field) => {
            const isDefault = settings.startOfYear?.[field] === undefined;
            return (
              <Fact key={field} label={t(`startOfYear.${field}`)}>
                {workingDays(calendar.startOfYearInEffect[field])}
                {isDefault && <span className="cal-default"> {t('startOfYear.defaultMark')}</span>}
              </Fact>
            );
          })}
        </dl>
      </section>
    </>
  );
}

/**
 * The days off a cycle of the year counts (the API's `publicHolidays`: the official list of the year
 * and the next, with the organisation's days added and taken out), by year, each by its name: an
 * official one as the law or the notice calls it, an added one as the organisation does; then the
 * official days the organisation does not keep off, with why.
 */
export function HolidaysSection({ calendar }: { calendar: CalendarView }) {
  const { t, i18n } = useTranslation('calendar');
  const inLanguage = (name: CalendarView['officialHolidays'][number]['name']) =>
    i18n.language.startsWith('en') ? name.en : name.vi;
  const official = new Map(calendar.officialHolidays.map((day) => [day.date, inLanguage(day.name)]));
  const added = new Map(calendar.settings.addedHolidays.map((day) => [day.date, day.name]));
  const years = [calendar.year, calendar.year + 1];
  const removed = calendar.settings.removedHolidays;
  return (
    <section aria-labelledby="cal-holidays" className="card">
      <h2 id="cal-holidays">{t('holidays.title')}</h2>
      <p className="muted">{t('holidays.lead')}</p>
      <div className="cal-years">
        {years.map((year) => {
          const days = calendar.publicHolidays.filter((day) => day.startsWith(`${year}-`));
          return (
            <div key={year}>
              <h3 id={`cal-holidays-${year}`}>{t('holidays.ofYear', { year })}</h3>
              {days.length === 0 ? (
                <p>{t('holidays.none')}</p>
              ) : (
                <ul className="cal-days" aria-labelledby={`cal-holidays-${year}`}>
                  {days.map((day) => {
                    const name = added.get(day);
                    return (
                      <li key={day} className={name ? 'cal-day-added' : undefined}>
                        <DayWithWeekday day={day} />
                        <span className="cal-day-what">
                          {name ? t('holidays.added', { name }) : official.get(day)}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          );
        })}
      </div>
      {removed.length > 0 && (
        <>
          <h3 id="cal-removed">{t('holidays.removedTitle')}</h3>
          <ul className="cal-days" aria-labelledby="cal-removed">
            {removed.map((day) => (
              <li key={day.date}>
                <DayWithWeekday day={day.date} />
                <span className="cal-day-what">
                  {t('holidays.removed', { name: official.get(day.date) ?? '', why: day.name })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Every saved version, newest first: when, by whom, why; each one a link to read it. */
export function VersionsSection({
  year,
  versions,
  shown,
  current,
}: {
  year: number;
  versions: CalendarVersion[];
  shown: number;
  current: number;
}) {
  const { t, i18n } = useTranslation('calendar');
  const people = usePeople();
  return (
    <section aria-labelledby="cal-versions" className="card">
      <h2 id="cal-versions">{t('versions.title')}</h2>
      {versions.length === 0 ? (
        <p>{t('versions.none', { year })}</p>
      ) : (
        <div className="table-scroll">
          <table className="cal-versions stacked-table">
            <caption className="visually-hidden">{t('versions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('versions.version')}</th>
                <th scope="col">{t('versions.savedAt')}</th>
                <th scope="col">{t('versions.savedBy')}</th>
                <th scope="col">{t('versions.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((item) => (
                <tr key={item.version}>
                  <th scope="row">
                    {item.version === shown ? (
                      <span aria-current="true">
                        {t('versions.version')} {item.version}
                      </span>
                    ) : (
                      <Link
                        to={
                          item.version === current
                            ? `/calendar/${year}`
                            : `/calendar/${year}?version=${item.version}`
                        }
                      >
                        {t('versions.version')} {item.version}
                      </Link>
                    )}
                    <span className="cal-version-marks">
                      {item.version === current && (
                        <span className="status status-ok">{t('versions.inForce')}</span>
                      )}
                      {item.version === shown && <span className="status">{t('versions.shown')}</span>}
                    </span>
                  </th>
                  <td data-label={t('versions.savedAt')}>{formatInstant(item.savedAt, i18n.language)}</td>
                  <td data-label={t('versions.savedBy')}>
                    {personName(people, item.savedBy, { title: false })}
                  </td>
                  <td data-label={t('versions.reason')}>{item.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
