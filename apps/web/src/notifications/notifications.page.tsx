import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { downloadFile } from '../ui/download';
import { Pager } from '../ui/pager';
import { focusOutcome } from '../ui/focus';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { CalendarFeed } from './calendar-feed';
import { NotificationItem } from './notification-item';
import { notificationText } from './notification-text';
import {
  loadNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_CHANGED,
  type Notification,
} from './notifications-data';
import { usePageTitle } from '../ui/page-title';
import './notifications.css';

const PAGE_SIZE = 20;
const SHOWS = ['unread', 'all', 'read'] as const;
type Show = (typeof SHOWS)[number];
/** The notices whose calendar entry puts a deadline in (the others' take one out). */
const ADDS_TO_CALENDAR: ReadonlySet<Notification['reason']> = new Set(['assigned', 'reassigned']);

/** All of my notifications, newest first: unread ones only, all, or read ones; mark read one by one or all. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation('notifications');
  usePageTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const requested = params.get('show');
  const show: Show = SHOWS.includes(requested as Show) ? (requested as Show) : 'all';
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const page = useLoad(
    () =>
      loadNotifications({
        limit: PAGE_SIZE,
        offset,
        ...(show === 'all' ? {} : { unread: show === 'unread' ? 'true' : 'false' }),
      }),
    [offset, show],
  );

  // Marked read elsewhere (the bell): this list follows.
  useEffect(() => {
    const onChanged = () => page.reload();
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
  }, [page.reload]);

  const choose = (next: Show) => {
    setOffset(0);
    setDone(null);
    setParams(next === 'all' ? {} : { show: next }, { replace: true });
  };

  const readOne = async (notification: Notification, item?: HTMLElement | null) => {
    if (busy || notification.readAt !== null) return;
    setBusy(notification.id);
    setActionError(null);
    try {
      await markRead(notification.id);
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(null);
    }
    // The button goes with the unread mark: the focus stays with its notification (its link) or,
    // in the list of unread ones, which it leaves, goes to the page's heading, not the page's top.
    if (item === undefined) return;
    requestAnimationFrame(() => {
      const link =
        show !== 'unread' && item?.isConnected ? item.querySelector<HTMLElement>('.note-link') : null;
      (link ?? heading.current)?.focus();
    });
  };

  const addToCalendar = async (notification: Notification) => {
    setActionError(null);
    try {
      await downloadFile(
        `/api/v1/me/notifications/${encodeURIComponent(notification.id)}/calendar`,
        'text/calendar',
        'han-viec.ics',
      );
    } catch (caught) {
      setActionError(caught);
    }
  };

  const readAll = async () => {
    if (busy) return;
    setBusy('all');
    setActionError(null);
    try {
      const marked = await markAllRead();
      setDone(t('markedAll', { n: marked }));
    } catch (caught) {
      setActionError(caught);
    } finally {
      setBusy(null);
    }
    // Its button is disabled now that nothing is unread: the focus goes to what the page now says.
    focusOutcome(root.current);
  };

  const unread = page.data?.unread ?? 0;
  return (
    <div className="notifications-page" ref={root}>
      <div className="notes-head">
        <h1 ref={heading} tabIndex={-1}>
          {t('title')}
        </h1>
        <button
          type="button"
          className="button"
          disabled={busy !== null || unread === 0}
          onClick={() => void readAll()}
        >
          {t('markAllRead')}
        </button>
      </div>
      {page.data && (
        <p className="muted" aria-live="polite">
          {unread > 0 ? t('youHaveUnread', { n: unread }) : t('allRead')}
        </p>
      )}
      {done && (
        <div className="notice notice-ok" role="status">
          {done}
        </div>
      )}
      {actionError ? <ErrorNotice error={actionError} /> : null}
      <div className="notes-filter" role="group" aria-label={t('filter.label')}>
        {SHOWS.map((option) => (
          <button
            key={option}
            type="button"
            className="button"
            aria-pressed={show === option}
            onClick={() => choose(option)}
          >
            {t(`filter.${option}`)}
          </button>
        ))}
      </div>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {page.data && page.data.items.length === 0 && (
        <p className="notes-empty">{show === 'unread' ? t('emptyUnread') : t('empty')}</p>
      )}
      {page.data && page.data.items.length > 0 && (
        <ul className="notes-list" aria-label={t(`filter.${show}`)} aria-busy={page.loading}>
          {page.data.items.map((notification) => (
            <li key={notification.id} className="card notes-card">
              <NotificationItem notification={notification} onOpen={(n) => void readOne(n)} />
              {/* The deadline as mailed, for whoever has no e-mail address or lost the mail, while
                  it is still theirs; the entries that take a deadline out (cancelled, handed away)
                  are the mail's alone. */}
              {notification.calendarEntry &&
                notification.deadlineStillYours &&
                ADDS_TO_CALENDAR.has(notification.reason) && (
                  <button
                    type="button"
                    className="button button-quiet notes-calendar"
                    aria-label={t('addToCalendarNamed', {
                      subject: notificationText(notification, i18n.language, t),
                    })}
                    onClick={() => void addToCalendar(notification)}
                  >
                    {t('addToCalendar')}
                  </button>
                )}
              {notification.readAt === null && (
                <button
                  type="button"
                  className="button button-quiet notes-mark"
                  disabled={busy !== null}
                  aria-label={t('markReadNamed', {
                    subject: notificationText(notification, i18n.language, t),
                  })}
                  onClick={(event) => void readOne(notification, event.currentTarget.closest('li'))}
                >
                  {t('markRead')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {page.data && (
        <Pager
          total={page.data.total}
          limit={page.data.limit}
          offset={page.data.offset}
          label={t('pages')}
          onOffset={setOffset}
          busy={page.loading}
        />
      )}
      <CalendarFeed />
    </div>
  );
}
