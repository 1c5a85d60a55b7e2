import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { downloadFile } from '../../ui/download';
import { ErrorNotice } from '../../ui/page-state';

/**
 * The year's milestones (the internal audit, the management review, the close) as a calendar file
 * for the calendar each person watches (GET /cycles/{id}/calendar): the same events again, updated,
 * when downloaded after a date moved. The calendar feed (on the notifications page) holds the same
 * events and follows a moved date by itself: said here, where people look for the year's dates.
 */
export function YearCalendar({ cycleId, year }: { cycleId: string; year: number }) {
  const { t } = useTranslation('cycles');
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setError(null);
    try {
      await downloadFile(
        `/api/v1/cycles/${encodeURIComponent(cycleId)}/calendar`,
        'text/calendar',
        `chu-trinh-${year}.ics`,
      );
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div className="year-calendar">
      <button
        type="button"
        className="button"
        aria-describedby="year-calendar-hint"
        onClick={() => void download()}
      >
        {t('dashboard.addToCalendar')}
      </button>
      <p id="year-calendar-hint" className="muted small">
        {t('dashboard.addToCalendarHint')}
      </p>
      <p className="muted small">
        {t('dashboard.feedHint')} <Link to="/notifications">{t('dashboard.feedLink')}</Link>
      </p>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
