import { useEffect, useId, useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatDayInWords, readTypedDay, writeTypedDay } from './dates';

type InputProps = Omit<ComponentProps<'input'>, 'type' | 'value' | 'onChange' | 'min' | 'max'>;

/**
 * A day, typed day first ("30/06/2025") whatever the browser's language, or picked on a calendar,
 * with the day it holds written out under it: "Thứ Hai, ngày 30 tháng 6 năm 2025". Every date field
 * of the app is one of these.
 *
 * Not the browser's `<input type="date">`: it lays its parts out in the browser's own language, not
 * the page's, so a Vietnamese office's English Chrome asks for mm/dd/yyyy on a Vietnamese page, and
 * 05/03 typed for the fifth of March is read as the third of May. The page writes every date as
 * dd/mm/yyyy; its fields take them so too. The browser's calendar is still offered, by the button
 * beside the field (its hidden date input's picker). `value` and `onChange` are calendar days
 * (`2025-06-30`), '' for an empty field or one whose text is no day (said under it instead of the
 * words, so a form never sends a day nobody meant).
 */
export function DateInput({
  value,
  onChange,
  min,
  max,
  disabled,
  ...input
}: InputProps & { value: string; onChange: (day: string) => void; min?: string; max?: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => writeTypedDay(value));
  const picker = useRef<HTMLInputElement>(null);
  const wordsId = useId();
  const typed = readTypedDay(text);
  // A day set from outside (a form reset, a draft restored, a proposal taken) is shown as written.
  useEffect(() => {
    if ((readTypedDay(text) ?? '') !== value) setText(writeTypedDay(value));
    // Only on the value from outside: the text follows the user as they type.
  }, [value]);

  // What is said under the field: the day in words; what is no day, or a day the field does not
  // take (its days written as every page writes them: "01/01/2024", "1 Jan 2024").
  const written = (day: string) => formatDay(day, i18n.language);
  const range =
    typed && min && max && (typed < min || typed > max)
      ? t('dateInput.between', { min: written(min), max: written(max) })
      : typed && min && typed < min
        ? t('dateInput.notBefore', { min: written(min) })
        : typed && max && typed > max
          ? t('dateInput.notAfter', { max: written(max) })
          : undefined;
  const note =
    typed === undefined
      ? t('dateInput.unreadable')
      : [formatDayInWords(typed, i18n.language), range].filter(Boolean).join(' — ');
  const describedBy = [input['aria-describedby'], note ? wordsId : undefined].filter(Boolean).join(' ');

  return (
    <span className="date-input">
      <span className="date-input-row">
        <input
          {...input}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={t('dateInput.placeholder')}
          value={text}
          disabled={disabled}
          aria-describedby={describedBy || undefined}
          aria-invalid={input['aria-invalid'] ?? (typed === undefined || undefined)}
          onChange={(event) => {
            setText(event.target.value);
            onChange(readTypedDay(event.target.value) ?? '');
          }}
          // Written again day first once left: "5.3.2025" reads "05/03/2025".
          onBlur={(event) => {
            const day = readTypedDay(text);
            if (day) setText(writeTypedDay(day));
            input.onBlur?.(event);
          }}
        />
        <button
          type="button"
          className="date-input-pick"
          disabled={disabled}
          aria-label={t('dateInput.pick')}
          title={t('dateInput.pick')}
          onClick={() => {
            try {
              picker.current?.showPicker();
            } catch {
              // A browser without a picker to show: the field is typed.
            }
          }}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path
              fill="currentColor"
              d="M4 0h1.5v2h5V0H12v2h2a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h2zM1.5 6v8c0 .3.2.5.5.5h12c.3 0 .5-.2.5-.5V6z"
            />
          </svg>
        </button>
        {/* The browser's calendar, opened by the button: never focused, never read out. */}
        <input
          ref={picker}
          type="date"
          className="date-input-picker"
          tabIndex={-1}
          aria-hidden="true"
          aria-label={t('dateInput.pick')}
          value={typed ?? ''}
          min={min}
          max={max}
          disabled={disabled}
          onChange={(event) => {
            setText(writeTypedDay(event.target.value));
            onChange(event.target.value);
          }}
        />
      </span>
      {note && (
        <span
          className={range || typed === undefined ? 'date-in-words date-note' : 'date-in-words'}
          id={wordsId}
        >
          {note}
        </span>
      )}
    </span>
  );
}
