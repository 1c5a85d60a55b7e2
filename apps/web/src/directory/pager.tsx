import { useTranslation } from 'react-i18next';
import './pager.css';

/**
 * Previous / next through a limit/offset list, with "page 2 of 5" said in words. Nothing when the
 * whole list fits on one page.
 */
export function Pager({
  total,
  limit,
  offset,
  label,
  onOffset,
}: {
  total: number;
  limit: number;
  offset: number;
  /** What is paged, for the navigation landmark ("Trang danh sách người dùng"). */
  label: string;
  onOffset(offset: number): void;
}) {
  const { t } = useTranslation('directory');
  if (total <= limit && offset === 0) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
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
        {t('pager.where', { page, pages, total })}
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
