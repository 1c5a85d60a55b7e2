import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { formatInstant } from '../ui/dates';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { useBusyAction } from '../ui/submission';

type CreatedFeed = components['schemas']['CalendarFeedCreatedView'];

/**
 * My deadlines as a calendar my calendar app subscribes to (GET/POST/DELETE /me/calendar-feed):
 * made once, it follows my tasks by itself — what a mail's entry cannot. Its address is shown only
 * when made (only a hash is kept), so it is shown then with a way to copy it and to open the app.
 */
export function CalendarFeed() {
  const { t, i18n } = useTranslation('notifications');
  const status = useLoad(() => ok(api.GET('/api/v1/me/calendar-feed')), []);
  const [created, setCreated] = useState<CreatedFeed | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const { busy, error, run } = useBusyAction();
  const address = useRef<HTMLInputElement>(null);

  const act = (work: () => Promise<void>) => {
    setSaid(null);
    return run(work);
  };
  const create = () =>
    act(async () => {
      setCreated(await ok(api.POST('/api/v1/me/calendar-feed')));
      status.reload();
      requestAnimationFrame(() => address.current?.focus());
    });
  const remove = () =>
    act(async () => {
      await ok(api.DELETE('/api/v1/me/calendar-feed'));
      setCreated(null);
      status.reload();
      setSaid(t('feed.removed'));
    });
  const copy = () =>
    act(async () => {
      if (!created) return;
      // Selected first: the older way copies the selection, and by hand it is one keystroke away.
      address.current?.select();
      const copied = await navigator.clipboard
        ?.writeText(created.url)
        .then(() => true)
        .catch(() => document.execCommand('copy'));
      setSaid(copied ? t('feed.copied') : t('feed.copyByHand'));
    });

  const active = created !== null || status.data?.active === true;
  return (
    <section className="card calendar-feed" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('feed.title')}</h2>
      <p>{t('feed.lead')}</p>
      {created && (
        <div className="calendar-feed-address">
          <label htmlFor="calendar-feed-url">{t('feed.address')}</label>
          <input id="calendar-feed-url" ref={address} type="text" readOnly value={created.url} />
          <p className="notice notice-warn">{t('feed.secret')}</p>
          <div className="calendar-feed-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void copy()}>
              {t('feed.copy')}
            </button>
            <a className="button button-quiet" href={created.webcalUrl}>
              {t('feed.openInApp')}
            </a>
          </div>
        </div>
      )}
      {!created && status.data?.active && status.data.createdAt && (
        <p>{t('feed.activeSince', { when: formatInstant(status.data.createdAt, i18n.language) })}</p>
      )}
      {status.data && (
        <div className="calendar-feed-actions">
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-describedby={active ? 'calendar-feed-renew-hint' : undefined}
            onClick={() => void create()}
          >
            {active ? t('feed.renew') : t('feed.create')}
          </button>
          {active && (
            <button
              type="button"
              className="button button-quiet"
              disabled={busy}
              onClick={() => void remove()}
            >
              {t('feed.remove')}
            </button>
          )}
        </div>
      )}
      {active && (
        <p id="calendar-feed-renew-hint" className="muted small">
          {t('feed.renewHint')}
        </p>
      )}
      {said && (
        <p className="notice notice-ok" role="status">
          {said}
        </p>
      )}
      {status.error ? <ErrorNotice error={status.error} /> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
