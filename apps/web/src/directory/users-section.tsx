import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Field, FieldError } from '../ui/field';
import { useLoad } from '../ui/page-state';
import { forgetPeople } from '../ui/people';
import { ROLES, type Role, type Unit, type User } from './directory-data';
import {
  ActiveWord,
  DoneNotice,
  EditButton,
  FilterForm,
  PagedTable,
  SectionHead,
  TextField,
  UnitField,
  unitLabelOf,
} from './directory-kit';
import { submitWith, useBusyAction } from '../ui/submission';
import { FormProblem, problemsAt } from './problems';
import { useReturnFocus } from './return-focus';
import { RoleList, UserEditor, UserFields, type UserFieldValues } from './user-editor';

const PAGE_SIZE = 20;

interface Filters {
  q: string;
  unitCode: string;
  role: '' | Role;
  active: '' | 'true' | 'false';
}
const NO_FILTERS: Filters = { q: '', unitCode: '', role: '', active: '' };

/** The organisation's users with their unit and roles: filter, add one, edit one. */
export function UsersSection({ allUnits }: { allUnits: Unit[] }) {
  const { t, i18n } = useTranslation('directory');
  const [offset, setOffset] = useState(0);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const focus = useReturnFocus();
  const page = useLoad(
    () =>
      ok(
        api.GET('/api/v1/users', {
          params: {
            query: {
              limit: PAGE_SIZE,
              offset,
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.unitCode ? { unitCode: filters.unitCode } : {}),
              ...(filters.role ? { role: filters.role } : {}),
              ...(filters.active ? { active: filters.active === 'true' } : {}),
            },
          },
        }),
      ),
    [offset, filters],
  );
  const unitLabel = unitLabelOf(allUnits, i18n.language);

  return (
    <section aria-labelledby="users-heading">
      <SectionHead
        headingId="users-heading"
        title={t('users.title')}
        addId="users-add"
        addLabel={t('users.add')}
        showAdd={!adding}
        onAdd={() => {
          focus.remember('users-add');
          setAdding(true);
          setEditingId(null);
          setDone(null);
        }}
      />
      <DoneNotice text={done} />
      {adding && (
        <NewUserForm
          allUnits={allUnits}
          onCancel={() => {
            setAdding(false);
            focus.restore();
          }}
          onCreated={(user) => {
            setAdding(false);
            focus.restore();
            setDone(t('users.added', { name: user.fullName }));
            page.reload();
            forgetPeople();
          }}
        />
      )}
      {editingId && (
        <UserEditor
          key={editingId}
          userId={editingId}
          allUnits={allUnits}
          onChanged={() => {
            page.reload();
            forgetPeople();
          }}
          onClose={() => {
            setEditingId(null);
            focus.restore();
          }}
        />
      )}
      <FilterForm
        label={t('users.searchLabel')}
        onApply={() => {
          setOffset(0);
          setFilters({ ...draft, q: draft.q.trim() });
        }}
      >
        <TextField
          label={t('users.search')}
          type="search"
          value={draft.q}
          onChange={(q) => setDraft({ ...draft, q })}
        />
        <UnitField
          label={t('users.unit')}
          units={allUnits}
          value={draft.unitCode}
          onChange={(unitCode) => setDraft({ ...draft, unitCode })}
          none={t('filters.allUnits')}
        />
        <Field label={t('users.role')}>
          {({ id }) => (
            <select
              id={id}
              value={draft.role}
              onChange={(e) => setDraft({ ...draft, role: e.target.value as Filters['role'] })}
            >
              <option value="">{t('filters.allRoles')}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.status')}>
          {({ id }) => (
            <select
              id={id}
              value={draft.active}
              onChange={(e) => setDraft({ ...draft, active: e.target.value as Filters['active'] })}
            >
              <option value="">{t('filters.anyStatus')}</option>
              <option value="true">{t('users.active')}</option>
              <option value="false">{t('users.inactive')}</option>
            </select>
          )}
        </Field>
      </FilterForm>
      <PagedTable
        page={page}
        count={(n) => t('users.count', { n })}
        caption={t('users.title')}
        columns={[
          t('users.fullName'),
          t('users.jobTitle'),
          t('users.unit'),
          t('users.roles'),
          t('users.status'),
          <span className="visually-hidden">{t('actions')}</span>,
        ]}
        row={(user) => (
          <tr key={user.id}>
            <th scope="row" className="dir-row-head">
              {user.fullName}
              <span className="dir-sub">{user.email}</span>
            </th>
            <td data-label={t('users.jobTitle')}>{user.title ?? '—'}</td>
            <td data-label={t('users.unit')}>{unitLabel(user.unitCode)}</td>
            <td data-label={t('users.roles')}>
              <RoleList roles={user.roles} unitLabel={unitLabel} />
              {/* ISO 9001 7.2: an auditor whose competence is not on record shows it here, to be recorded. */}
              {!user.auditorCertificate &&
                user.roles.some((r) => r.role === 'auditor' || r.role === 'lead-auditor') && (
                  <span className="dir-sub">{t('certificate.missing')}</span>
                )}
            </td>
            <td data-label={t('users.status')}>
              <ActiveWord active={user.active} />
            </td>
            <td>
              <EditButton
                name={t('users.editNamed', { name: user.fullName })}
                onEdit={(button) => {
                  focus.remember(button);
                  setEditingId(user.id);
                  setAdding(false);
                  setDone(null);
                }}
              />
            </td>
          </tr>
        )}
        pagesLabel={t('users.pages')}
        onOffset={setOffset}
      />
    </section>
  );
}

/** Add a user: e-mail, name, title, unit, language, an optional first password and first roles. */
function NewUserForm({
  allUnits,
  onCancel,
  onCreated,
}: {
  allUnits: Unit[];
  onCancel(): void;
  onCreated(user: User): void;
}) {
  const { t } = useTranslation('directory');
  const [email, setEmail] = useState('');
  const [fields, setFields] = useState<UserFieldValues>({
    fullName: '',
    title: '',
    unitCode: '',
    locale: 'vi',
    password: '',
  });
  const [roles, setRoles] = useState<Role[]>([]);
  const [headOf, setHeadOf] = useState('');
  const { busy, error, run } = useBusyAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const toggle = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  const submit = submitWith(() =>
    run(async () => {
      const { fullName, title, unitCode, locale, password } = fields;
      const created = await ok(
        api.POST('/api/v1/users', {
          body: {
            email: email.trim(),
            fullName: fullName.trim(),
            ...(title.trim() ? { title: title.trim() } : {}),
            ...(unitCode ? { unitCode } : {}),
            locale,
            ...(password ? { password } : {}),
            roles: roles.map((role) =>
              role === 'unit-head' ? { role, ...(headOf ? { unitCode: headOf } : {}) } : { role },
            ),
          },
        }),
      );
      onCreated(created);
    }),
  );

  const headIndex = roles.indexOf('unit-head');
  const roleProblems = problemsAt(t, error, 'roles').filter(
    (problem) => headIndex < 0 || !problem.path.startsWith(`roles.${headIndex}.unitCode`),
  );
  return (
    <form className="card dir-form" onSubmit={submit} noValidate aria-labelledby="new-user-heading">
      <h3 id="new-user-heading" ref={heading} tabIndex={-1}>
        {t('users.add')}
      </h3>
      <div className="dir-grid">
        <TextField
          label={t('users.email')}
          problems={problemsAt(t, error, 'email')}
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          value={email}
          onChange={setEmail}
        />
        <UserFields
          values={fields}
          onChange={setFields}
          error={error}
          allUnits={allUnits}
          titleHint={t('users.jobTitleHint')}
          passwordLabel={t('users.initialPassword')}
          passwordHint={t('users.passwordHint')}
        />
      </div>
      <fieldset
        className="dir-roles"
        aria-describedby={roleProblems.length ? 'new-user-roles-error' : undefined}
      >
        <legend>{t('users.firstRoles')}</legend>
        {ROLES.map((role) => (
          <label key={role} className="dir-check">
            <input
              type="checkbox"
              checked={roles.includes(role)}
              onChange={(e) => toggle(role, e.target.checked)}
            />
            {t(`roles.${role}`)}
          </label>
        ))}
        <FieldError id="new-user-roles-error" problems={roleProblems} />
      </fieldset>
      {headIndex >= 0 && (
        <UnitField
          label={t('roles.headOf')}
          problems={problemsAt(t, error, `roles.${headIndex}.unitCode`)}
          units={allUnits}
          value={headOf}
          onChange={setHeadOf}
          required
        />
      )}
      <FormProblem
        error={error}
        fields={['email', 'fullName', 'title', 'unitCode', 'locale', 'password', 'roles']}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('users.add')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
