import { useTranslation } from 'react-i18next';
import { useFormat } from '../cycles/components/format';
import './pager.css';

/**
 * Previous / next through a limit/offset list, with which of its items are shown ("21–40 trên 45"):
 * every paged list of the app pages alike. Nothing when the whole list fits on one page. While the
 * next page is asked for (`busy`) it says so instead of the range: the rows still shown are the last
 * answer's (the list's container, `aria-busy`, dims them), not the range the buttons went to.
 */
export function Pager({
  total,
  limit,
  offset,
  label,
  onOffset,
  busy = false,
}: {
  total: number;
  limit: number;
  offset: number;
  /** What is paged, for the navigation landmark ("Trang danh sách người dùng"). */
  label: string;
  onOffset(offset: number): void;
  /** A page is on its way. */
  busy?: boolean;
}) {
  const { t } = useTranslation('common');
  const format = useFormat();
  // Past the end (the list shrank while paged) it still shows, so that the way back is there.
  if (total <= limit && offset === 0) return null;
  return (
    <nav className="pager" aria-label={label}>
      {/* aria-disabled, not disabled: the button pressed to reach the first or last page keeps the
          focus, where a disabled one would drop it to the top of the page. */}
      <button
        type="button"
        className="button"
        aria-disabled={offset === 0 || undefined}
        onClick={() => offset > 0 && onOffset(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </button>
      <span className="pager-where" aria-live="polite">
        {busy
          ? t('pager.loading')
          : t('pager.range', {
              from: format.number(Math.min(total, offset + 1)),
              to: format.number(Math.min(total, offset + limit)),
              total: format.number(total),
            })}
      </span>
      <button
        type="button"
        className="button"
        aria-disabled={offset + limit >= total || undefined}
        onClick={() => offset + limit < total && onOffset(offset + limit)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
