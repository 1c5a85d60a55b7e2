import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { NotificationItem } from './notification-item';
import {
  loadNotifications,
  markAllRead,
  markRead,
  NOTIFICATIONS_CHANGED,
  type Notification,
} from './notifications-data';
import './notifications.css';

const LATEST = 6;
const REFRESH_MS = 60_000;

/**
 * The bell in the top bar: the unread count in its name and badge, and a small panel with the
 * latest notifications. The count is read again on every navigation and each minute while the tab
 * is visible (a hidden tab asks nothing).
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const location = useLocation();
  const [unread, setUnread] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [latest, setLatest] = useState<Notification[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const openRef = useRef(open);
  openRef.current = open;
  const panelId = useId();
  const titleId = `${panelId}-title`;

  const refresh = useCallback(async () => {
    if (document.visibilityState === 'hidden') return;
    const withList = openRef.current;
    try {
      const page = await loadNotifications({ limit: withList ? LATEST : 1 });
      setUnread(page.unread);
      if (withList) setLatest(page.items);
      setFailed(false);
    } catch {
      if (withList) setFailed(true);
    }
  }, []);

  // Every navigation: read the count again, and a link followed from the panel closes it.
  useEffect(() => {
    setOpen(false);
    void refresh();
  }, [location.pathname, refresh]);

  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    const onChanged = () => void refresh();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
    };
  }, [refresh]);

  // Opening reads the latest and takes focus into the panel; a click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    void refresh();
    panel.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, refresh]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  const opened = (notification: Notification) => {
    if (notification.readAt !== null) return;
    const readAt = new Date().toISOString();
    setLatest((items) => items?.map((n) => (n.id === notification.id ? { ...n, readAt } : n)) ?? null);
    setUnread((count) => (count ? count - 1 : count));
    void markRead(notification.id).catch(() => undefined);
  };

  const readAll = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await markAllRead();
      const readAt = new Date().toISOString();
      setLatest((items) => items?.map((n) => ({ ...n, readAt: n.readAt ?? readAt })) ?? null);
      setUnread(0);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
    // Its button is disabled now that nothing is unread, which would drop the focus out of the panel
    // (and Escape with it): the panel takes it back.
    requestAnimationFrame(() => panel.current?.focus());
  };

  const count = unread ?? 0;
  return (
    <div
      className="bell"
      ref={wrapper}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      }}
      onBlur={(event) => {
        // Tabbing out of the panel closes it, as a menu would.
        if (open && event.relatedTarget && !wrapper.current?.contains(event.relatedTarget as Node))
          setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={count > 0 ? t('bell.labelUnread', { n: count }) : t('bell.labelNone')}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close(true) : setOpen(true))}
      >
        <svg
          className="bell-icon"
          viewBox="0 0 24 24"
          width="22"
          height="22"
          aria-hidden="true"
          focusable="false"
        >
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {count > 0 && (
          <span className="badge bell-badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          ref={panel}
          className="bell-panel"
          role="dialog"
          aria-labelledby={titleId}
          tabIndex={-1}
        >
          <div className="bell-panel-head">
            <p id={titleId} className="bell-title">
              {t('title')}
            </p>
            <span className="bell-count">{count > 0 ? t('unreadCount', { n: count }) : t('allRead')}</span>
          </div>
          {failed && (
            <p className="notice notice-error" role="alert">
              {t('loadFailed')}
            </p>
          )}
          {latest === null && !failed && (
            <p className="bell-empty" role="status">
              {t('loading')}
            </p>
          )}
          {latest && latest.length === 0 && <p className="bell-empty">{t('empty')}</p>}
          {latest && latest.length > 0 && (
            <ul className="bell-list" aria-label={t('latest')}>
              {latest.map((notification) => (
                <li key={notification.id}>
                  <NotificationItem notification={notification} onOpen={opened} compact />
                </li>
              ))}
            </ul>
          )}
          <div className="bell-actions">
            <button
              type="button"
              className="button"
              disabled={busy || count === 0}
              onClick={() => void readAll()}
            >
              {t('markAllRead')}
            </button>
            <Link to="/notifications" className="bell-all" onClick={() => setOpen(false)}>
              {t('seeAll')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
