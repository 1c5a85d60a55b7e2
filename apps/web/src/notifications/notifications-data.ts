import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { formatInstant } from '../ui/dates';

export type Notification = components['schemas']['NotificationView'];
export type NotificationPage = components['schemas']['NotificationPage'];

/**
 * Said on window when notifications were marked read somewhere (the page, the bell), so the bell's
 * count follows at once instead of at the next refresh.
 */
export const NOTIFICATIONS_CHANGED = 'qcycle:notifications-changed';
export const announceNotificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export function loadNotifications(query: { limit: number; offset?: number; unread?: 'true' | 'false' }) {
  return ok(api.GET('/api/v1/me/notifications', { params: { query } }));
}

/** Marks one read; marking an already-read one again answers the same, so a double click is harmless. */
export async function markRead(notificationId: string): Promise<Notification> {
  const read = await ok(
    api.POST('/api/v1/me/notifications/{notificationId}/read', {
      params: { path: { notificationId } },
    }),
  );
  announceNotificationsChanged();
  return read;
}

export async function markAllRead(): Promise<number> {
  const { marked } = await ok(api.POST('/api/v1/me/notifications/read-all'));
  announceNotificationsChanged();
  return marked;
}

/** "5 phút trước", "hôm qua", or the date: how long ago, in the reader's language, Vietnam time. */
export function whenText(iso: string, language: string, now = Date.now()): string {
  const date = new Date(iso);
  const locale = language.startsWith('en') ? 'en-GB' : 'vi-VN';
  const seconds = Math.round((date.getTime() - now) / 1000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 60) return relative.format(0, 'second');
  if (Math.abs(seconds) < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (Math.abs(seconds) < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return formatInstant(iso, language);
}
