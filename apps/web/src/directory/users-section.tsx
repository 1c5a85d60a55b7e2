import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { Field } from '../ui/field';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { ROLES, unitName, type Role, type Unit, type User } from './directory-data';
import { Pager } from './pager';
import { FormProblem, problemsAt } from './problems';
import { useReturnFocus } from './return-focus';
import { UnitSelect } from './unit-select';
import { RoleList, UserEditor } from './user-editor';

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
  const byCode = new Map(allUnits.map((unit) => [unit.code, unit]));
  const unitLabel = (code: string | null) =>
    code ? (byCode.has(code) ? unitName(byCode.get(code)!, i18n.language) : code) : '—';

  return (
    <section aria-labelledby="users-heading">
      <div className="dir-section-head">
        <h2 id="users-heading">{t('users.title')}</h2>
        {!adding && (
          <button
            id="users-add"
            type="button"
            className="button button-primary"
            onClick={() => {
              focus.remember('users-add');
              setAdding(true);
              setEditingId(null);
              setDone(null);
            }}
          >
            {t('users.add')}
          </button>
        )}
      </div>
      {done && (
        <div className="notice notice-ok" role="status">
          {done}
        </div>
      )}
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
          }}
        />
      )}
      {editingId && (
        <UserEditor
          key={editingId}
          userId={editingId}
          allUnits={allUnits}
          onChanged={() => page.reload()}
          onClose={() => {
            setEditingId(null);
            focus.restore();
          }}
        />
      )}
      <form
        className="dir-filters"
        role="search"
        aria-label={t('users.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          setOffset(0);
          setFilters({ ...draft, q: draft.q.trim() });
        }}
      >
        <Field label={t('users.search')}>
          {({ id }) => (
            <input
              id={id}
              type="search"
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('users.unit')}>
          {(control) => (
            <UnitSelect
              {...control}
              units={allUnits}
              value={draft.unitCode}
              onChange={(unitCode) => setDraft({ ...draft, unitCode })}
              none={t('filters.allUnits')}
            />
          )}
        </Field>
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
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
      </form>
      {page.error ? <ErrorNotice error={page.error} /> : null}
      {page.data && (
        <>
          <p className="muted" aria-live="polite">
            {t('users.count', { n: page.data.total })}
          </p>
          {page.data.items.length > 0 && (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('users.fullName')}</th>
                    <th scope="col">{t('users.jobTitle')}</th>
                    <th scope="col">{t('users.unit')}</th>
                    <th scope="col">{t('users.roles')}</th>
                    <th scope="col">{t('users.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((user) => (
                    <tr key={user.id}>
                      <th scope="row" className="dir-row-head">
                        {user.fullName}
                        <span className="dir-sub">{user.email}</span>
                      </th>
                      <td>{user.title ?? '—'}</td>
                      <td>{unitLabel(user.unitCode)}</td>
                      <td>
                        <RoleList roles={user.roles} unitLabel={unitLabel} />
                      </td>
                      <td>
                        <span className={`status ${user.active ? 'status-ok' : 'status-danger'}`}>
                          {user.active ? t('users.active') : t('users.inactive')}
                        </span>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button"
                          aria-label={t('users.editNamed', { name: user.fullName })}
                          onClick={(event) => {
                            focus.remember(event.currentTarget);
                            setEditingId(user.id);
                            setAdding(false);
                            setDone(null);
                          }}
                        >
                          {t('edit')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            total={page.data.total}
            limit={page.data.limit}
            offset={page.data.offset}
            label={t('users.pages')}
            onOffset={setOffset}
          />
        </>
      )}
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
  const [fullName, setFullName] = useState('');
  const [title, setTitle] = useState('');
  const [unitCode, setUnitCode] = useState('');
  const [locale, setLocale] = useState<'vi' | 'en'>('vi');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [headOf, setHeadOf] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const toggle = (role: Role, on: boolean) =>
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
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
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

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
        <Field label={t('users.email')} problems={problemsAt(t, error, 'email')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="email"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('users.fullName')} problems={problemsAt(t, error, 'fullName')}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              value={fullName}
              onChange={(e) => setFullName(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('users.jobTitle')}
          hint={t('users.jobTitleHint')}
          problems={problemsAt(t, error, 'title')}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('users.unit')} problems={problemsAt(t, error, 'unitCode')}>
          {(control) => (
            <UnitSelect
              {...control}
              units={allUnits}
              value={unitCode}
              onChange={setUnitCode}
              none={t('users.noUnit')}
            />
          )}
        </Field>
        <Field label={t('users.locale')} problems={problemsAt(t, error, 'locale')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'vi' | 'en')}
            >
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
        <Field
          label={t('users.initialPassword')}
          hint={t('users.passwordHint')}
          problems={problemsAt(t, error, 'password')}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
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
        {roleProblems.length > 0 && (
          <p className="field-error" id="new-user-roles-error" role="alert">
            {roleProblems.map((problem) => problem.reason).join(' ')}
          </p>
        )}
      </fieldset>
      {headIndex >= 0 && (
        <Field label={t('roles.headOf')} problems={problemsAt(t, error, `roles.${headIndex}.unitCode`)}>
          {(control) => (
            <UnitSelect {...control} units={allUnits} value={headOf} onChange={setHeadOf} required />
          )}
        </Field>
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
