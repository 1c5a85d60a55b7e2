import { useTranslation } from 'react-i18next';
import { unitName, type Unit } from './directory-data';

/** A <select> of the organisation's units, with an optional "none" choice first. */
export function UnitSelect({
  id,
  describedBy,
  invalid,
  units,
  value,
  onChange,
  none,
  exclude,
  required,
}: {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  units: Unit[];
  value: string;
  onChange(code: string): void;
  /** The text of the empty choice; without it a unit must be chosen. */
  none?: string;
  exclude?: string;
  required?: boolean;
}) {
  const { t, i18n } = useTranslation('directory');
  return (
    <select
      id={id}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      required={required}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{none ?? t('units.choose')}</option>
      {units
        .filter((unit) => unit.code !== exclude)
        .map((unit) => (
          <option key={unit.code} value={unit.code}>
            {unitName(unit, i18n.language)} ({unit.code})
          </option>
        ))}
    </select>
  );
}
