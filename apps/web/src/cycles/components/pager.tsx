import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/** Previous / next through a paged list, with where we are in words. */
export function Pager({
  total,
  offset,
  size,
  onChange,
}: {
  total: number;
  offset: number;
  size: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation('cycles');
  const format = useFormat();
  if (total <= size) return null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      {/* aria-disabled, not disabled: the button pressed to reach the first or last page keeps the
          focus, where a disabled one would drop it to the top of the page. */}
      <button
        type="button"
        className="button"
        aria-disabled={offset === 0 || undefined}
        onClick={() => offset > 0 && onChange(Math.max(0, offset - size))}
      >
        {t('pager.previous')}
      </button>
      <span>
        {t('pager.range', {
          from: format.number(offset + 1),
          to: format.number(Math.min(total, offset + size)),
          total: format.number(total),
        })}
      </span>
      <button
        type="button"
        className="button"
        aria-disabled={offset + size >= total || undefined}
        onClick={() => offset + size < total && onChange(offset + size)}
      >
        {t('pager.next')}
      </button>
    </nav>
  );
}
