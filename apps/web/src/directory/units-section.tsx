import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Field } from '../ui/field';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { unitName, type Unit } from './directory-data';
import { Pager } from './pager';
import { FormProblem, problemsAt } from './problems';
import { useReturnFocus } from './return-focus';
import { UnitSelect } from './unit-select';

const PAGE_SIZE = 20;

/** The organisation's units: list and search, add one, rename or move one, remove an empty one. */
export function UnitsSection({ allUnits, onUnitsChanged }: { allUnits: Unit[]; onUnitsChanged(): void }) {
  const { t, i18n } = useTranslation('directory');
  const [offset, setOffset] = useState(0);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Unit | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const focus = useReturnFocus();
  const page = useLoad(
    () =>
      ok(
        api.GET('/api/v1/units', {
          params: { query: { limit: PAGE_SIZE, offset, ...(q ? { q } : {}) } },
        }),
      ),
    [offset, q],
  );
  const byCode = new Map(allUnits.map((unit) => [unit.code, unit]));

  const changed = (message: string) => {
    setDone(message);
    setAdding(false);
    setEditing(null);
    focus.restore();
    page.reload();
    onUnitsChanged();
  };

  return (
    <section aria-labelledby="units-heading">
      <div className="dir-section-head">
        <h2 id="units-heading">{t('units.title')}</h2>
        {!adding && (
          <button
            id="units-add"
            type="button"
            className="button button-primary"
            onClick={() => {
              focus.remember('units-add');
              setAdding(true);
              setEditing(null);
              setDone(null);
            }}
          >
            {t('units.add')}
          </button>
        )}
      </div>
      {done && (
        <div className="notice notice-ok" role="status">
          {done}
        </div>
      )}
      {adding && (
        <UnitForm
          allUnits={allUnits}
          onCancel={() => {
            setAdding(false);
            focus.restore();
          }}
          onSaved={(unit) => changed(t('units.added', { name: unitName(unit, i18n.language) }))}
        />
      )}
      {editing && (
        <UnitForm
          key={editing.code}
          unit={editing}
          allUnits={allUnits}
          onCancel={() => {
            setEditing(null);
            focus.restore();
          }}
          onSaved={(unit) => changed(t('units.saved', { name: unitName(unit, i18n.language) }))}
          onRemoved={(unit) => changed(t('units.removed', { name: unitName(unit, i18n.language) }))}
        />
      )}
      <form
        className="dir-filters"
        role="search"
        aria-label={t('units.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setQ(search.trim());
        }}
      >
        <Field label={t('units.search')}>
          {({ id }) => (
            <input id={id} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </form>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {page.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('units.count', { n: page.data.total })}
          </p>
          {page.data.items.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('units.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('units.code')}</th>
                    <th scope="col">{t('units.name')}</th>
                    <th scope="col">{t('units.parent')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((unit) => {
                    const parent = unit.parentCode ? byCode.get(unit.parentCode) : undefined;
                    return (
                      <tr key={unit.code}>
                        <td>
                          <code>{unit.code}</code>
                        </td>
                        <th scope="row" className="dir-row-head">
                          {unitName(unit, i18n.language)}
                          <span className="dir-sub" lang={i18n.language.startsWith('en') ? 'vi' : 'en'}>
                            {i18n.language.startsWith('en') ? unit.name.vi : unit.name.en}
                          </span>
                        </th>
                        <td>
                          {unit.parentCode
                            ? parent
                              ? unitName(parent, i18n.language)
                              : unit.parentCode
                            : t('units.topLevel')}
                        </td>
                        <td>
                          <button
                            type="button"
                            className="button"
                            aria-label={t('units.editNamed', { name: unitName(unit, i18n.language) })}
                            onClick={(event) => {
                              focus.remember(event.currentTarget);
                              setEditing(unit);
                              setAdding(false);
                              setDone(null);
                            }}
                          >
                            {t('edit')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            total={page.data.total}
            limit={page.data.limit}
            offset={page.data.offset}
            label={t('units.pages')}
            onOffset={setOffset}
          />
        </>
      )}
    </section>
  );
}

/** Add a unit (no `unit`), or rename / move / remove one. */
function UnitForm({
  unit,
  allUnits,
  onCancel,
  onSaved,
  onRemoved,
}: {
  unit?: Unit;
  allUnits: Unit[];
  onCancel(): void;
  onSaved(unit: Unit): void;
  onRemoved?(unit: Unit): void;
}) {
  const { t, i18n } = useTranslation('directory');
  const [code, setCode] = useState(unit?.code ?? '');
  const [nameVi, setNameVi] = useState(unit?.name.vi ?? '');
  const [nameEn, setNameEn] = useState(unit?.name.en ?? '');
  const [parentCode, setParentCode] = useState(unit?.parentCode ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const name = { vi: nameVi.trim(), en: nameEn.trim() };
      const saved = unit
        ? await ok(
            api.PATCH('/api/v1/units/{code}', {
              params: { path: { code: unit.code } },
              body: { name, parentCode: parentCode || null },
            }),
          )
        : await ok(
            api.POST('/api/v1/units', {
              body: { code: code.trim(), name, ...(parentCode ? { parentCode } : {}) },
            }),
          );
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!unit || busy) return;
    setBusy(true);
    setError(null);
    try {
      await ok(api.DELETE('/api/v1/units/{code}', { params: { path: { code: unit.code } } }));
      onRemoved?.(unit);
    } catch (caught) {
      setError(caught);
      setConfirmRemove(false);
    } finally {
      setBusy(false);
    }
  };

  const title = unit ? t('units.editTitle', { name: unitName(unit, i18n.language) }) : t('units.add');
  return (
    <form className="card dir-form" onSubmit={submit} noValidate aria-labelledby="unit-form-heading">
      <h3 id="unit-form-heading" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {unit ? (
        <p className="muted">
          {t('units.code')}: <code>{unit.code}</code> — {t('units.codeFixed')}
        </p>
      ) : (
        <Field label={t('units.code')} hint={t('units.codeHint')} problems={problemsAt(t, error, 'code')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              autoComplete="off"
              spellCheck={false}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
      )}
      <div className="dir-grid">
        <Field label={t('units.nameVi')} problems={problemsAt(t, error, 'name.vi')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              lang="vi"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              value={nameVi}
              onChange={(e) => setNameVi(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('units.nameEn')} problems={problemsAt(t, error, 'name.en')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              lang="en"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              value={nameEn}
              onChange={(e) => setNameEn(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('units.parent')} problems={problemsAt(t, error, 'parentCode')}>
        {(control) => (
          <UnitSelect
            {...control}
            units={allUnits}
            exclude={unit?.code}
            value={parentCode}
            onChange={setParentCode}
            none={t('units.noParent')}
          />
        )}
      </Field>
      <FormProblem error={error} fields={['code', 'name.vi', 'name.en', 'parentCode']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {unit ? t('saveChanges') : t('units.add')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        {unit &&
          (confirmRemove ? (
            <button type="button" className="button button-danger" disabled={busy} onClick={remove}>
              {t('units.confirmRemove', { name: unitName(unit, i18n.language) })}
            </button>
          ) : (
            <button type="button" className="button button-danger" onClick={() => setConfirmRemove(true)}>
              {t('units.remove')}
            </button>
          ))}
      </div>
      {unit && <p className="field-hint">{t('units.removeHint')}</p>}
    </form>
  );
}
