import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldProblem } from '../api/client';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/page-state';
import { unitName, type Unit } from './directory-data';
import { Pager } from '../ui/pager';
import { UnitSelect } from './unit-select';
import { DateInput } from '../ui/date-input';

/** The pieces every directory section is made of: head, filters, paged table, form fields. */

/** The section's heading with its "Thêm …" button (hidden while its form is open; found again by id). */
export function SectionHead({
  headingId,
  title,
  addId,
  addLabel,
  showAdd,
  onAdd,
}: {
  headingId: string;
  title: string;
  addId?: string;
  addLabel?: string;
  showAdd?: boolean;
  onAdd?: () => void;
}) {
  return (
    <div className="dir-section-head">
      <h2 id={headingId}>{title}</h2>
      {showAdd && addLabel && (
        <button id={addId} type="button" className="button button-primary" onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </div>
  );
}

/** What was just done ("Đã thêm …"), said once. */
export function DoneNotice({ text }: { text: string | null }) {
  return text ? (
    <div className="notice notice-ok" role="status">
      {text}
    </div>
  ) : null;
}

/** A search form: its fields, then "Áp dụng". */
export function FilterForm({
  label,
  onApply,
  children,
}: {
  label: string;
  onApply: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('directory');
  return (
    <form
      className="dir-filters"
      role="search"
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onApply();
      }}
    >
      {children}
      <button type="submit" className="button">
        {t('filters.apply')}
      </button>
    </form>
  );
}

interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * One page of a list: the error, the count, the table with its caption and column heads, and the
 * pager. `row` draws one item's row: its name a `<th scope="row">`, each other cell labelled with its
 * column's name (`data-label`) but one holding only buttons, since on a phone the rows are cards of
 * labelled lines (`stacked-table`, ui/styles.css); between a phone and a desk the table scrolls
 * sideways, saying so.
 */
export function PagedTable<T>({
  page,
  count,
  caption,
  columns,
  row,
  pagesLabel,
  onOffset,
  scrollLabel,
}: {
  page: { data?: Page<T>; error?: unknown; loading?: boolean };
  count: (total: number) => string;
  caption: string;
  columns: ReactNode[];
  row: (item: T, index: number) => ReactNode;
  pagesLabel: string;
  onOffset: (offset: number) => void;
  /** Names the scrolling region, which then takes focus (a table with nothing else to focus). */
  scrollLabel?: string;
}) {
  const { t } = useTranslation('directory');
  return (
    <>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {page.data && (
        <div aria-busy={page.loading}>
          <p className="muted" aria-live="polite">
            {count(page.data.total)}
          </p>
          {page.data.items.length > 0 && <p className="table-scroll-hint muted">{t('scrollHint')}</p>}
          {page.data.items.length > 0 && (
            <div
              className="table-scroll"
              {...(scrollLabel ? { tabIndex: 0, role: 'region', 'aria-label': scrollLabel } : {})}
            >
              <table className="stacked-table">
                <caption className="visually-hidden">{caption}</caption>
                <thead>
                  <tr>
                    {columns.map((column, index) => (
                      <th key={index} scope="col">
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>{page.data.items.map(row)}</tbody>
              </table>
            </div>
          )}
          <Pager
            total={page.data.total}
            limit={page.data.limit}
            offset={page.data.offset}
            label={pagesLabel}
            onOffset={onOffset}
            busy={page.loading}
          />
        </div>
      )}
    </>
  );
}

/** The row's "Sửa" button, named for the row ("Sửa Phòng Tổng hợp"). */
export function EditButton({ name, onEdit }: { name: string; onEdit: (button: HTMLElement) => void }) {
  const { t } = useTranslation('directory');
  return (
    <button
      type="button"
      className="button"
      aria-label={name}
      onClick={(event) => onEdit(event.currentTarget)}
    >
      {t('edit')}
    </button>
  );
}

/** A labelled one-line input with its hint and the API's refusal beside it. */
export function TextField({
  label,
  hint,
  problems,
  value,
  onChange,
  type,
  autoComplete,
  required,
  lang,
  spellCheck,
  max,
}: {
  label: string;
  hint?: string;
  problems?: FieldProblem[];
  value: string;
  onChange: (value: string) => void;
  type?: 'email' | 'password' | 'search' | 'date';
  autoComplete?: string;
  required?: boolean;
  lang?: string;
  spellCheck?: boolean;
  /** The last day a date field takes, `YYYY-MM-DD`. */
  max?: string;
}) {
  return (
    <Field label={label} hint={hint} problems={problems}>
      {({ id, describedBy, invalid }) => {
        const props = {
          id,
          max,
          lang,
          autoComplete,
          spellCheck,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          required,
          value,
        };
        return type === 'date' ? (
          <DateInput {...props} onChange={onChange} />
        ) : (
          <input type={type} {...props} onChange={(e) => onChange(e.target.value)} />
        );
      }}
    </Field>
  );
}

/** A labelled choice of a unit (or none), with the API's refusal beside it. */
export function UnitField({
  label,
  problems,
  units,
  value,
  onChange,
  none,
  exclude,
  required,
}: {
  label: string;
  problems?: FieldProblem[];
  units: Unit[];
  value: string;
  onChange: (code: string) => void;
  none?: string;
  exclude?: string;
  required?: boolean;
}) {
  return (
    <Field label={label} problems={problems}>
      {(control) => (
        <UnitSelect
          {...control}
          units={units}
          exclude={exclude}
          value={value}
          onChange={onChange}
          none={none}
          required={required}
        />
      )}
    </Field>
  );
}

/** The user's language: Vietnamese or English. */
export function LocaleField({
  label,
  problems,
  value,
  onChange,
}: {
  label: string;
  problems?: FieldProblem[];
  value: 'vi' | 'en';
  onChange: (locale: 'vi' | 'en') => void;
}) {
  return (
    <Field label={label} problems={problems}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.target.value as 'vi' | 'en')}
        >
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      )}
    </Field>
  );
}

/**
 * The row as it is now, when an edit was refused because someone changed it since the form read it
 * (409 with `details.current`, sent with `ifUnchangedSince`): the form shows it, so that the change
 * is made again on what is there, not on what was.
 */
export function changedMeanwhile<T>(caught: unknown): T | undefined {
  return caught instanceof ApiProblem && caught.status === 409 && caught.details?.current
    ? (caught.details.current as T)
    : undefined;
}

/** A unit's name by its code in the current language (the code when unknown, "—" for none). */
export function unitLabelOf(allUnits: Unit[], language: string) {
  const byCode = new Map(allUnits.map((unit) => [unit.code, unit]));
  return (code: string | null) => {
    if (!code) return '—';
    const unit = byCode.get(code);
    return unit ? unitName(unit, language) : code;
  };
}

/** Active or deactivated, in words (not by colour alone). */
export function ActiveWord({ active }: { active: boolean }) {
  const { t } = useTranslation('directory');
  return (
    <span className={`status ${active ? 'status-ok' : 'status-danger'}`}>
      {active ? t('users.active') : t('users.inactive')}
    </span>
  );
}
