import type { i18n } from 'i18next';
import { formatMonth } from '../ui/dates';

/**
 * The catalogues' own formats (i18next's `{{value, name}}`), added to an initialised instance:
 * `monthWords` writes a month key (`2024-03`) as ui/dates writes months ("Mar 2024").
 */
export function addFormatters(instance: i18n): void {
  instance.services.formatter?.add('monthWords', (value, lng) => formatMonth(String(value), lng ?? 'vi'));
}
