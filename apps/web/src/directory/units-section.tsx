import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { useLoad } from '../ui/page-state';
import { unitName, type Unit } from './directory-data';
import {
  changedMeanwhile,
  DoneNotice,
  EditButton,
  FilterForm,
  PagedTable,
  SectionHead,
  TextField,
  UnitField,
  unitLabelOf,
} from './directory-kit';
import { Field } from '../ui/field';
import { submitWith, useBusyAction } from '../ui/submission';
import { FormProblem, problemsAt } from './problems';
import { useReturnFocus } from './return-focus';

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
  const unitLabel = unitLabelOf(allUnits, i18n.language);

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
      <SectionHead
        headingId="units-heading"
        title={t('units.title')}
        addId="units-add"
        addLabel={t('units.add')}
        showAdd={!adding}
        onAdd={() => {
          focus.remember('units-add');
          setAdding(true);
          setEditing(null);
          setDone(null);
        }}
      />
      <DoneNotice text={done} />
      <p className="muted">{t('units.headsHint')}</p>
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
          onChangedMeanwhile={() => {
            page.reload();
            onUnitsChanged();
          }}
        />
      )}
      <FilterForm
        label={t('units.searchLabel')}
        onApply={() => {
          setOffset(0);
          setQ(search.trim());
        }}
      >
        <TextField label={t('units.search')} type="search" value={search} onChange={setSearch} />
      </FilterForm>
      <PagedTable
        page={page}
        count={(n) => t('units.count', { n })}
        caption={t('units.title')}
        columns={[
          t('units.code'),
          t('units.name'),
          t('units.parent'),
          t('units.heads'),
          <span className="visually-hidden">{t('actions')}</span>,
        ]}
        row={(unit) => (
          <tr key={unit.code}>
            <td data-label={t('units.code')}>
              <code>{unit.code}</code>
            </td>
            <th scope="row" className="dir-row-head">
              {unitName(unit, i18n.language)}
              <span className="dir-sub" lang={i18n.language.startsWith('en') ? 'vi' : 'en'}>
                {i18n.language.startsWith('en') ? unit.name.vi : unit.name.en}
              </span>
            </th>
            <td data-label={t('units.parent')}>
              {unit.parentCode ? unitLabel(unit.parentCode) : t('units.topLevel')}
            </td>
            <td data-label={t('units.heads')}>
              <UnitHeads heads={unit.heads} />
            </td>
            <td>
              <EditButton
                name={t('units.editNamed', { name: unitName(unit, i18n.language) })}
                onEdit={(button) => {
                  focus.remember(button);
                  setEditing(unit);
                  setAdding(false);
                  setDone(null);
                }}
              />
            </td>
          </tr>
        )}
        pagesLabel={t('units.pages')}
        onOffset={setOffset}
      />
    </section>
  );
}

/**
 * Who leads a unit (the API lists its heads by name): with several, which of them a year started now
 * gives the unit's work (the one chosen on the unit's form, else the first); with none, that the
 * Quality Representative stands in.
 */
function UnitHeads({ heads }: { heads: Unit['heads'] }) {
  const { t } = useTranslation('directory');
  if (heads.length === 0)
    return (
      <>
        {t('units.noHead')} <span className="dir-sub">{t('units.noHeadStandIn')}</span>
      </>
    );
  return (
    <ul className="dir-heads">
      {heads.map((head) => (
        <li key={head.userId}>
          {head.fullName}
          {heads.length > 1 && head.takesWork && <span className="dir-sub">{t('units.leadsWork')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Add a unit (no `unit`), or rename / move / remove one. */
function UnitForm({
  unit,
  allUnits,
  onCancel,
  onSaved,
  onRemoved,
  onChangedMeanwhile,
}: {
  unit?: Unit;
  allUnits: Unit[];
  onCancel(): void;
  onSaved(unit: Unit): void;
  onRemoved?(unit: Unit): void;
  /** Someone changed the unit since the form read it: the form now shows it as it is; the list too. */
  onChangedMeanwhile?(): void;
}) {
  const { t, i18n } = useTranslation('directory');
  const [code, setCode] = useState(unit?.code ?? '');
  const [nameVi, setNameVi] = useState(unit?.name.vi ?? '');
  const [nameEn, setNameEn] = useState(unit?.name.en ?? '');
  const [parentCode, setParentCode] = useState(unit?.parentCode ?? '');
  /** Which head takes the unit's work; '' leaves it to the first by name. */
  const [workHead, setWorkHead] = useState(unit?.workHeadUserId ?? '');
  /** The heads and the choice as the form last read them: a choice is offered among several heads. */
  const [heads, setHeads] = useState(unit?.heads ?? []);
  const [readWorkHead, setReadWorkHead] = useState(unit?.workHeadUserId ?? '');
  /** When the unit last changed as this form shows it: sent with the edit (`ifUnchangedSince`). */
  const [shownAsOf, setShownAsOf] = useState(unit?.updatedAt);
  const { busy, error, setError, run } = useBusyAction();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // Someone changed the unit since the form read it: it now shows the unit as it is.
  const refused = (caught: unknown) => {
    setError(caught);
    const current = changedMeanwhile<Unit>(caught);
    if (!current) return;
    setNameVi(current.name.vi);
    setNameEn(current.name.en);
    setParentCode(current.parentCode ?? '');
    setWorkHead(current.workHeadUserId ?? '');
    setReadWorkHead(current.workHeadUserId ?? '');
    setHeads(current.heads);
    setShownAsOf(current.updatedAt);
    onChangedMeanwhile?.();
  };

  const submit = submitWith(() =>
    run(async () => {
      const name = { vi: nameVi.trim(), en: nameEn.trim() };
      const saved = unit
        ? await ok(
            api.PATCH('/api/v1/units/{code}', {
              params: { path: { code: unit.code } },
              body: {
                name,
                parentCode: parentCode || null,
                // Sent only when changed, so the log says who takes the work only when that changed.
                ...(workHead !== readWorkHead ? { workHeadUserId: workHead || null } : {}),
                ifUnchangedSince: shownAsOf,
              },
            }),
          )
        : await ok(
            api.POST('/api/v1/units', {
              body: { code: code.trim(), name, ...(parentCode ? { parentCode } : {}) },
            }),
          );
      onSaved(saved);
    }, refused),
  );

  const remove = () => {
    if (!unit) return;
    void run(
      async () => {
        await ok(api.DELETE('/api/v1/units/{code}', { params: { path: { code: unit.code } } }));
        onRemoved?.(unit);
      },
      (caught) => {
        setError(caught);
        setConfirmRemove(false);
      },
    );
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
        <TextField
          label={t('units.code')}
          hint={t('units.codeHint')}
          problems={problemsAt(t, error, 'code')}
          required
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={setCode}
        />
      )}
      <div className="dir-grid">
        <TextField
          label={t('units.nameVi')}
          problems={problemsAt(t, error, 'name.vi')}
          lang="vi"
          required
          value={nameVi}
          onChange={setNameVi}
        />
        <TextField
          label={t('units.nameEn')}
          problems={problemsAt(t, error, 'name.en')}
          lang="en"
          required
          value={nameEn}
          onChange={setNameEn}
        />
      </div>
      <UnitField
        label={t('units.parent')}
        problems={problemsAt(t, error, 'parentCode')}
        units={allUnits}
        exclude={unit?.code}
        value={parentCode}
        onChange={setParentCode}
        none={t('units.noParent')}
      />
      {heads.length > 1 && (
        <Field
          label={t('units.workHead')}
          hint={t('units.workHeadHint')}
          problems={problemsAt(t, error, 'workHeadUserId')}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={workHead}
              onChange={(e) => setWorkHead(e.target.value)}
            >
              <option value="">{t('units.workHeadByName', { name: heads[0].fullName })}</option>
              {heads.map((head) => (
                <option key={head.userId} value={head.userId}>
                  {head.fullName}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <FormProblem error={error} fields={['code', 'name.vi', 'name.en', 'parentCode', 'workHeadUserId']} />
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
