import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok, type FieldProblem } from '../api/client';
import { useRequestId } from '../api/request-id';
import { submitWith, useBusyAction } from '../ui/submission';
import { FormProblem, problemsAt } from '../directory/problems';
import { Field, FieldError, ReasonField } from '../ui/field';
import {
  bodyFrom,
  draftFrom,
  newRowKey,
  START_OF_YEAR_FIELDS,
  type CalendarDraft,
  type CalendarSettings,
  type CalendarView,
  type DayRow,
} from './calendar-draft';
import { DateInput } from '../ui/date-input';
import { readTypedTime } from '../ui/dates';

type DayField = 'addedHolidays' | 'removedHolidays';

/** A refused row's field: the calendar rules say `addedHolidays[0].date`, the DTO's checks `addedHolidays.0.date`. */
const ROW_PROBLEM = /^(addedHolidays|removedHolidays)(?:\[(\d+)\]|\.(\d+))\.(date|name)$/;

/** Fields of the form named by the API's paths, each shown by one control. */
const FIELD_PATHS = [
  'auditWindow',
  'auditWindow.from',
  'auditWindow.to',
  'managementReviewDate',
  'closeDate',
  'monitoring.dueWorkingDaysAfterPeriodEnd',
  'monitoring.dueTime',
  'monitoring.periodCutOffDay',
  'reminderBeforeDueDays',
  'escalationAfterDueDays.unitHead',
  'escalationAfterDueDays.qualityRepresentative',
  'notificationTime',
  'startOfYear',
  ...START_OF_YEAR_FIELDS.map((field) => `startOfYear.${field}`),
  'addedHolidays',
  'removedHolidays',
  'reason',
];

/**
 * The whole calendar of a year, to save as its next version (PUT /calendars/{year}): the days the
 * organisation adds to and takes out of the official holidays, the cycle's dates, the reports' and
 * reminders' settings and the start-of-year allowances, starting from `settings`. The calendar
 * rules' refusal (422) is shown by each field it names; a save that met another one, or came after
 * another saved since the page was read (409), is the page's to say (`onConflict`).
 */
export function CalendarForm({
  year,
  settings,
  currentVersion,
  startOfYearDefaults,
  onSaved,
  onConflict,
  onCancel,
}: {
  year: number;
  settings: CalendarSettings;
  /**
   * The version in force when the page was read: sent with the save, so that a version someone saved
   * since is not replaced unseen (the API refuses it with 409, `onConflict`).
   */
  currentVersion: number;
  /** qcycle's allowance for each step, which a field left empty takes. */
  startOfYearDefaults: CalendarView['startOfYearDefaults'];
  onSaved(calendar: CalendarView): void;
  onConflict(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('calendar');
  const { t: tDirectory } = useTranslation('directory');
  const [draft, setDraft] = useState<CalendarDraft>(() => draftFrom(settings));
  const { busy, error, setError, run } = useBusyAction();
  const requestId = useRequestId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const set =
    <K extends keyof CalendarDraft>(key: K) =>
    (value: CalendarDraft[K]) =>
      setDraft((before) => ({ ...before, [key]: value }));
  const setStartOfYear = (field: (typeof START_OF_YEAR_FIELDS)[number]) => (value: string) =>
    setDraft((before) => ({ ...before, startOfYear: { ...before.startOfYear, [field]: value } }));

  /** The refusals of exactly these paths (not of their children), in the reader's language where known. */
  const at = (...paths: string[]): FieldProblem[] =>
    paths.flatMap((path) => problemsAt(tDirectory, error, path).filter((problem) => problem.path === path));
  const rowAt = (field: DayField, index: number, part: 'date' | 'name') =>
    at(`${field}[${index}].${part}`, `${field}.${index}.${part}`);

  const placed = (path: string) => {
    const row = ROW_PROBLEM.exec(path);
    if (row) return Number(row[2] ?? row[3]) < draft[row[1] as DayField].length;
    return FIELD_PATHS.includes(path);
  };
  const refusal = error instanceof ApiProblem ? error : null;
  const unplaced = refusal?.problems.filter((problem) => !placed(problem.path)) ?? [];
  const anyPlaced = (refusal?.problems.length ?? 0) > unplaced.length;

  const submit = submitWith(() =>
    run(
      async () => {
        const { body, problems } = bodyFrom(draft, {
          wholeNumber: t('edit.wholeNumber'),
          chooseDate: t('edit.chooseDate'),
          chooseTime: t('edit.chooseTime'),
        });
        if (!body) throw new ApiProblem(400, 'VALIDATION', '', problems, undefined);
        const saved = await ok(
          api.PUT('/api/v1/calendars/{year}', {
            params: { path: { year: String(year) } },
            body: { ...body, ifCurrentVersion: currentVersion },
            // Sent again after a lost answer, the same calendar is saved once (one version).
            headers: { 'x-request-id': requestId.idFor({ year, body }) },
          }),
        );
        requestId.succeeded();
        onSaved(saved);
      },
      (caught) => (caught instanceof ApiProblem && caught.status === 409 ? onConflict() : setError(caught)),
    ),
  );

  const rowsChanged = (field: DayField, rows: DayRow[]) => {
    // The refusal named rows by their place in the list sent; with rows added or taken out, it no longer fits.
    setError(null);
    set(field)(rows);
  };

  /**
   * A field's control: a date, a time or a whole number typed (a text box: "2,5" is refused by the
   * field, not dropped; a time on 24 hours, "7h30" read as 07:30, in any browser's language).
   */
  const text =
    (value: string, onChange: (value: string) => void, kind: 'date' | 'time' | 'number') =>
    ({ id, describedBy, invalid }: ControlProps) =>
      kind === 'date' ? (
        <DateInput
          id={id}
          className="cal-short"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={onChange}
        />
      ) : (
        <input
          id={id}
          type="text"
          inputMode={kind === 'number' ? 'numeric' : 'decimal'}
          placeholder={kind === 'time' ? t('edit.timePlaceholder') : undefined}
          className="cal-short"
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          // A time written as Vietnam writes it ("7h30") is sent as the API reads it, "07:30".
          onBlur={() => {
            const time = kind === 'time' ? readTypedTime(value) : undefined;
            if (time && time !== value) onChange(time);
          }}
        />
      );

  return (
    <form className="card cal-form" onSubmit={submit} noValidate aria-labelledby="cal-form-heading">
      <h2 id="cal-form-heading" ref={heading} tabIndex={-1}>
        {t('edit.title', { year })}
      </h2>
      <p className="muted">{t('edit.lead', { year })}</p>

      <DayRows
        field="addedHolidays"
        legend={t('edit.addedTitle')}
        hint={t('edit.addedHint', { year, next: year + 1 })}
        rowLabel={(n) => t('edit.addedRow', { n })}
        nameLabel={t('edit.name')}
        addLabel={t('edit.addAdded')}
        rows={draft.addedHolidays}
        groupProblems={at('addedHolidays')}
        problemsOf={(index, part) => rowAt('addedHolidays', index, part)}
        onChange={(rows) => rowsChanged('addedHolidays', rows)}
      />
      <DayRows
        field="removedHolidays"
        legend={t('edit.removedTitle')}
        hint={t('edit.removedHint')}
        rowLabel={(n) => t('edit.removedRow', { n })}
        nameLabel={t('edit.why')}
        addLabel={t('edit.addRemoved')}
        rows={draft.removedHolidays}
        groupProblems={at('removedHolidays')}
        problemsOf={(index, part) => rowAt('removedHolidays', index, part)}
        onChange={(rows) => rowsChanged('removedHolidays', rows)}
      />

      <Group legend={t('milestones.title')}>
        <div className="cal-pair">
          <Field
            label={t('milestones.auditFrom')}
            hint={t('milestones.auditHint', { year })}
            problems={at('auditWindow', 'auditWindow.from')}
          >
            {text(draft.auditFrom, set('auditFrom'), 'date')}
          </Field>
          <Field label={t('milestones.auditTo')} problems={at('auditWindow.to')}>
            {text(draft.auditTo, set('auditTo'), 'date')}
          </Field>
        </div>
        <div className="cal-pair">
          <Field
            label={t('milestones.managementReviewDate')}
            hint={t('milestones.managementReviewHint')}
            problems={at('managementReviewDate')}
          >
            {text(draft.managementReviewDate, set('managementReviewDate'), 'date')}
          </Field>
          <Field
            label={t('milestones.closeDate')}
            hint={t('milestones.closeHint')}
            problems={at('closeDate')}
          >
            {text(draft.closeDate, set('closeDate'), 'date')}
          </Field>
        </div>
      </Group>

      <Group legend={t('monitoring.title')}>
        <div className="cal-grid">
          <Field
            label={t('monitoring.dueWorkingDaysAfterPeriodEnd')}
            problems={at('monitoring.dueWorkingDaysAfterPeriodEnd')}
          >
            {text(draft.dueWorkingDaysAfterPeriodEnd, set('dueWorkingDaysAfterPeriodEnd'), 'number')}
          </Field>
          <Field
            label={t('monitoring.dueTime')}
            hint={t('monitoring.dueTimeHint')}
            problems={at('monitoring.dueTime')}
          >
            {text(draft.dueTime, set('dueTime'), 'time')}
          </Field>
          <Field
            label={t('monitoring.periodCutOffDay')}
            hint={t('monitoring.periodCutOffDayHint')}
            problems={at('monitoring.periodCutOffDay')}
          >
            {text(draft.periodCutOffDay, set('periodCutOffDay'), 'number')}
          </Field>
          <Field label={t('monitoring.reminderBeforeDueDays')} problems={at('reminderBeforeDueDays')}>
            {text(draft.reminderBeforeDueDays, set('reminderBeforeDueDays'), 'number')}
          </Field>
          <Field label={t('monitoring.escalationUnitHead')} problems={at('escalationAfterDueDays.unitHead')}>
            {text(draft.escalationUnitHead, set('escalationUnitHead'), 'number')}
          </Field>
          <Field
            label={t('monitoring.escalationQualityRepresentative')}
            hint={t('monitoring.escalationHint')}
            problems={at('escalationAfterDueDays.qualityRepresentative')}
          >
            {text(draft.escalationQualityRepresentative, set('escalationQualityRepresentative'), 'number')}
          </Field>
          <Field
            label={t('monitoring.notificationTime')}
            hint={t('monitoring.notificationTimeHint')}
            problems={at('notificationTime')}
          >
            {text(draft.notificationTime, set('notificationTime'), 'time')}
          </Field>
        </div>
      </Group>

      <Group legend={t('startOfYear.title')} hint={t('startOfYear.lead')} problems={at('startOfYear')}>
        <div className="cal-grid">
          {START_OF_YEAR_FIELDS.map((field) => (
            <Field
              key={field}
              label={t(`startOfYear.${field}`)}
              hint={t('startOfYear.defaultHint', {
                days: t('monitoring.workingDays', { count: startOfYearDefaults[field] }),
              })}
              problems={at(`startOfYear.${field}`)}
            >
              {text(draft.startOfYear[field], setStartOfYear(field), 'number')}
            </Field>
          ))}
        </div>
      </Group>

      <ReasonField
        label={t('edit.reason')}
        hint={t('edit.reasonHint')}
        problems={at('reason')}
        value={draft.reason}
        disabled={false}
        onChange={set('reason')}
      />

      {unplaced.length > 0 && (anyPlaced || refusal?.status !== 400) && (
        // What the rules said of no field of this form (rare: the form sends every field): said as it is.
        <ul className="notice notice-error cal-unplaced">
          {unplaced.map((problem, index) => (
            <li key={index}>{problem.reason}</li>
          ))}
        </ul>
      )}
      <FormProblem error={error} fields={FIELD_PATHS} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('edit.saving') : t('edit.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ControlProps {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

/** A group of fields under its legend, with a hint and the refusal of the group as a whole. */
function Group({
  legend,
  hint,
  problems = [],
  children,
}: {
  legend: string;
  hint?: string;
  problems?: FieldProblem[];
  children: ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = problems.length > 0 ? `${id}-error` : undefined;
  return (
    <fieldset
      className="cal-group"
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} problems={problems} />
      {children}
    </fieldset>
  );
}

/**
 * The days the organisation adds (or takes out): a row each, a date and its name (or why), added
 * and taken away one by one. A new row's date takes the focus; taking a row away gives it to "Thêm".
 */
function DayRows({
  field,
  legend,
  hint,
  rowLabel,
  nameLabel,
  addLabel,
  rows,
  groupProblems,
  problemsOf,
  onChange,
}: {
  field: DayField;
  legend: string;
  hint: string;
  rowLabel: (n: number) => string;
  nameLabel: string;
  addLabel: string;
  rows: DayRow[];
  groupProblems: FieldProblem[];
  problemsOf: (index: number, part: 'date' | 'name') => FieldProblem[];
  onChange: (rows: DayRow[]) => void;
}) {
  const { t } = useTranslation('calendar');
  const focusRow = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  return (
    <Group legend={legend} hint={hint} problems={groupProblems}>
      {rows.length === 0 && <p className="muted">{t('edit.noRows')}</p>}
      {rows.map((row, index) => {
        const label = rowLabel(index + 1);
        const change = (part: 'date' | 'name') => (value: string) =>
          onChange(rows.map((other) => (other.key === row.key ? { ...other, [part]: value } : other)));
        return (
          <fieldset key={row.key} className="cal-row" data-field={field}>
            <legend>{label}</legend>
            <Field label={t('edit.date')} problems={problemsOf(index, 'date')}>
              {({ id, describedBy, invalid }) => (
                <DateInput
                  id={id}
                  className="cal-short"
                  ref={(element) => {
                    if (element && focusRow.current === row.key) {
                      focusRow.current = null;
                      element.focus();
                    }
                  }}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={row.date}
                  onChange={change('date')}
                />
              )}
            </Field>
            <Field label={nameLabel} problems={problemsOf(index, 'name')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  type="text"
                  maxLength={200}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  value={row.name}
                  onChange={(event) => change('name')(event.target.value)}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button-danger cal-row-remove"
              aria-label={t('edit.removeRowNamed', { row: label })}
              onClick={() => {
                onChange(rows.filter((other) => other.key !== row.key));
                addButton.current?.focus();
              }}
            >
              {t('edit.removeRow')}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button"
        ref={addButton}
        onClick={() => {
          const key = newRowKey();
          focusRow.current = key;
          onChange([...rows, { key, date: '', name: '' }]);
        }}
      >
        {addLabel}
      </button>
    </Group>
  );
}
