import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import type { components } from '../api/schema';
import { DataTable } from '../cycles/components/page-parts';
import { downloadFile, MEDIA_TYPES } from '../ui/download';
import { Field } from '../ui/field';
import { ErrorNotice } from '../ui/page-state';
import { forgetPeople } from '../ui/people';
import { unitLabelOf } from './directory-kit';
import { useBusyAction } from '../ui/submission';
import { unitName, type Unit } from './directory-data';

type ImportAnswer = components['schemas']['UserImportView'];
type ImportRow = ImportAnswer['rows'][number];
type UnitImportRow = components['schemas']['UnitImportRowView'];

/**
 * The administrator imports the organisation's people, and its units, from a spreadsheet
 * (docs/web.md "Importing people"): the template to fill in, the file checked row by row with
 * nothing written, then, when no row needs correcting, the import of all of it at once. A file
 * changed after its check must be checked again: the import sends the very file that was checked.
 */
export function ImportSection({ allUnits, onUnitsChanged }: { allUnits: Unit[]; onUnitsChanged(): void }) {
  const { t, i18n } = useTranslation('directory');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportAnswer | null>(null);
  const [imported, setImported] = useState<ImportAnswer | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const action = useBusyAction();
  // The two downloads (the template, the directory as it is) share one busy state and error.
  const download = useBusyAction();
  const unitLabel = unitLabelOf(allUnits, i18n.language);

  const send = (chosen: File, dryRun: boolean) =>
    ok(
      api.POST('/api/v1/users/import', {
        params: { query: dryRun ? { dryRun: true } : {} },
        // The file's own bytes; its kind is read from them (a .csv from Windows says vnd.ms-excel).
        body: chosen as unknown as string,
        bodySerializer: (body) => body as unknown as Blob,
        headers: { 'content-type': /\.csv$/i.test(chosen.name) ? MEDIA_TYPES.csv : MEDIA_TYPES.xlsx },
      }),
    );

  const toDo = checked ? checked.counts.create + checked.counts.update : 0;
  const unitsToDo = checked?.units ? checked.units.counts.create + checked.units.counts.update : 0;
  const refused = checked ? checked.counts.refused + (checked.units?.counts.refused ?? 0) : 0;
  const shown = imported ?? checked;
  // The template lists every unit: their table is shown when the file changes any.
  const unitsChange = shown?.units?.rows.some((row) => row.action !== 'unchanged') ?? false;
  // A unit the file adds is named by the file until the directory has it.
  const fileUnits = new Map((shown?.units?.rows ?? []).map((row) => [row.code, row]));
  const unitOrFileLabel = (code: string | null) => {
    const inFile = code ? fileUnits.get(code) : undefined;
    return inFile && !allUnits.some((unit) => unit.code === code)
      ? unitName({ name: inFile.name }, i18n.language)
      : unitLabel(code);
  };

  return (
    <section aria-labelledby="import-heading" className="dir-import">
      <h2 id="import-heading">{t('import.title')}</h2>
      <p>{t('import.lead')}</p>
      <ul className="dir-import-rules">
        <li>{t('import.ruleKey')}</li>
        <li>{t('import.ruleKeep')}</li>
        <li>{t('import.ruleUnits')}</li>
        <li>{t('import.ruleSignIn')}</li>
      </ul>
      <p>
        <button
          type="button"
          className="button"
          disabled={download.busy}
          onClick={() =>
            void download.run(() =>
              downloadFile(
                `/api/v1/users/import/template?language=${i18n.language === 'en' ? 'en' : 'vi'}`,
                MEDIA_TYPES.xlsx,
                'DANH-BA-MAU.xlsx',
              ),
            )
          }
        >
          {t('import.template')}
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={download.busy}
          onClick={() =>
            void download.run(() =>
              downloadFile(
                `/api/v1/users/export?language=${i18n.language === 'en' ? 'en' : 'vi'}`,
                MEDIA_TYPES.xlsx,
                'DANH-BA.xlsx',
              ),
            )
          }
        >
          {t('import.export')}
        </button>
      </p>
      <p className="muted">{t('import.exportHint')}</p>
      {download.error ? <ErrorNotice error={download.error} /> : null}

      <form
        className="dir-filters"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          setImported(null);
          setChecked(null);
          void action.run(async () => setChecked(await send(file, true)));
        }}
      >
        <Field label={t('import.file')} hint={t('import.fileHint')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              ref={input}
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={describedBy}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setChecked(null);
                setImported(null);
                action.setError(null);
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary" disabled={!file || action.busy}>
          {t('import.check')}
        </button>
      </form>
      {action.error ? <ErrorNotice error={action.error} /> : null}

      {checked && !imported && (
        <div
          className={refused > 0 ? 'notice notice-error' : 'notice'}
          role={refused > 0 ? 'alert' : 'status'}
        >
          {checked.units && <p>{t('import.unitsSummary', checked.units.counts)}</p>}
          <p>{t(checked.units ? 'import.peopleSummary' : 'import.checkedSummary', checked.counts)}</p>
          {refused > 0 ? (
            <p>{t('import.correctRows', { n: refused })}</p>
          ) : toDo + unitsToDo === 0 ? (
            <p>{t('import.nothingToDo')}</p>
          ) : (
            <button
              type="button"
              className="button button-primary"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  const done = await send(file!, false);
                  setImported(done);
                  forgetPeople();
                  if (done.units && done.units.counts.create + done.units.counts.update > 0) onUnitsChanged();
                })
              }
            >
              {unitsToDo === 0
                ? t('import.apply', { n: toDo })
                : toDo === 0
                  ? t('import.applyUnits', { units: unitsToDo })
                  : t('import.applyBoth', { units: unitsToDo, n: toDo })}
            </button>
          )}
        </div>
      )}
      {imported && (
        <div className="notice notice-ok" role="status">
          {imported.units && <p>{t('import.unitsDone', imported.units.counts)}</p>}
          <p>{t(imported.units ? 'import.peopleDone' : 'import.done', imported.counts)}</p>
        </div>
      )}
      {shown && shown.ignoredColumns.length > 0 && (
        <p className="muted">{t('import.ignoredColumns', { columns: shown.ignoredColumns.join(', ') })}</p>
      )}
      {shown?.units && unitsChange && (
        <UnitsTable
          rows={shown.units.rows}
          sheet={shown.units.sheet}
          unitLabel={unitOrFileLabel}
          done={imported !== null}
        />
      )}
      {shown && shown.rows.length > 0 && (
        <DataTable
          className="stacked-table dir-import-table"
          caption={t('import.table')}
          // Seen beside the units' table, so that each table says what it lists.
          captionHidden={!unitsChange}
          columns={[
            t('import.row'),
            t('users.fullName'),
            t('users.email'),
            t('users.unit'),
            t('import.rolesAdded'),
            t('import.outcome'),
          ]}
        >
          {shown.rows.map((row) => (
            <ImportRowLine key={row.row} row={row} unitLabel={unitOrFileLabel} done={imported !== null} />
          ))}
        </DataTable>
      )}
    </section>
  );
}

/**
 * The units' sheet, row by row: each unit's code, name, the unit it is part of, whom it makes its
 * heads, and what happens.
 */
function UnitsTable({
  rows,
  sheet,
  unitLabel,
  done,
}: {
  rows: UnitImportRow[];
  sheet: string | null;
  unitLabel: (code: string | null) => string;
  done: boolean;
}) {
  const { t, i18n } = useTranslation('directory');
  return (
    <DataTable
      className="stacked-table dir-import-table"
      caption={sheet ? t('import.unitsTable', { sheet }) : t('import.unitsTableFile')}
      columns={[
        t('import.row'),
        t('units.code'),
        t('units.name'),
        t('units.parent'),
        t('import.headsAdded'),
        t('import.workHeadChosen'),
        t('import.outcome'),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.row} className={row.action === 'refused' ? 'dir-import-refused' : undefined}>
          <td data-label={t('import.row')}>{row.row}</td>
          <td data-label={t('units.code')}>{row.code || '—'}</td>
          <th scope="row" data-label={t('units.name')}>
            {unitName(row, i18n.language) || '—'}
          </th>
          <td data-label={t('units.parent')}>
            {row.problems.some((problem) => problem.path.endsWith('.parent'))
              ? '—'
              : row.parentCode
                ? unitLabel(row.parentCode)
                : t('units.topLevel')}
          </td>
          <td data-label={t('import.headsAdded')}>
            {row.headsAdded.length === 0
              ? '—'
              : row.headsAdded.map((head) => `${head.fullName} (${head.email})`).join(', ')}
          </td>
          <td data-label={t('import.workHeadChosen')}>
            {row.workHead ? `${row.workHead.fullName} (${row.workHead.email})` : '—'}
          </td>
          <td data-label={t('import.outcome')}>
            <Outcome
              action={row.action}
              problems={row.problems}
              done={done}
              changed={row.changed.map((field) =>
                t(`import.unitChanged.${field}` as 'import.unitChanged.name'),
              )}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** What a row comes to: its problems, or what is (or would be) done, with the fields it changes. */
function Outcome({
  action,
  problems,
  done,
  changed,
}: {
  action: ImportRow['action'];
  problems: ImportRow['problems'];
  done: boolean;
  changed: string[];
}) {
  const { t } = useTranslation('directory');
  if (action === 'refused')
    return (
      <ul className="dir-import-problems">
        {problems.map((problem) => (
          <li key={problem.path}>{problem.reason}</li>
        ))}
      </ul>
    );
  return (
    <>
      {t(`import.actions.${action}${done ? 'Done' : ''}` as 'import.actions.create')}
      {action === 'update' && changed.length > 0 ? `: ${changed.join(', ')}` : null}
    </>
  );
}

function ImportRowLine({
  row,
  unitLabel,
  done,
}: {
  row: ImportRow;
  unitLabel: (code: string | null) => string;
  done: boolean;
}) {
  const { t } = useTranslation('directory');
  return (
    <tr className={row.action === 'refused' ? 'dir-import-refused' : undefined}>
      <td data-label={t('import.row')}>{row.row}</td>
      <th scope="row" data-label={t('users.fullName')}>
        {row.fullName || '—'}
      </th>
      <td data-label={t('users.email')}>{row.email || '—'}</td>
      <td data-label={t('users.unit')}>
        {/* A unit the file names wrongly is no unit: its problem says what was written. */}
        {row.problems.some((problem) => problem.path.endsWith('.unit'))
          ? '—'
          : row.unitCode
            ? unitLabel(row.unitCode)
            : t('users.noUnit')}
      </td>
      <td data-label={t('import.rolesAdded')}>
        {row.rolesAdded.length === 0
          ? '—'
          : row.rolesAdded.map((grant) => t(`roles.${grant.role}`)).join(', ')}
      </td>
      <td data-label={t('import.outcome')}>
        <Outcome
          action={row.action}
          problems={row.problems}
          done={done}
          changed={row.changed.map((field) => t(`events.fields.${field}` as 'events.fields.title'))}
        />
      </td>
    </tr>
  );
}
