import { useId, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayInWords } from './dates';

/**
 * A day to pick (`<input type="date">`) with the day it holds written out under it: "Thứ Hai, ngày
 * 30 tháng 6 năm 2025". The browser draws the input in its own language's order, whatever the
 * page's (an English browser shows 06/30/2025 on a Vietnamese page), and the page cannot change
 * that; the words say which day it is, so that 01/10 typed for the first of October into a
 * month-first input reads as the tenth of January before it is sent. Every date field of the app is
 * one of these.
 */
export function DateInput({
  value,
  ...input
}: Omit<ComponentProps<'input'>, 'type' | 'value'> & { value: string }) {
  const { i18n } = useTranslation();
  const wordsId = useId();
  const words = formatDayInWords(value, i18n.language);
  // Said after the field's own description too: a screen reader reads the value in the browser's order.
  const describedBy = [input['aria-describedby'], words ? wordsId : undefined].filter(Boolean).join(' ');
  return (
    <span className="date-input">
      <input {...input} type="date" value={value} aria-describedby={describedBy || undefined} />
      {words && (
        <span className="date-in-words" id={wordsId}>
          {words}
        </span>
      )}
    </span>
  );
}
