import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../api/client';
import { useSession } from '../auth/session';
import { Field } from '../ui/field';
import { ErrorNotice, useLoad } from '../ui/page-state';
import { AuditorCertificateForm } from './auditor-certificate-form';
import { ROLES, type Role, type RoleAssignment, type Unit, type User } from './directory-data';
import {
  changedMeanwhile,
  ActiveWord,
  LocaleField,
  TextField,
  UnitField,
  unitLabelOf,
} from './directory-kit';
import { submitWith, useBusyAction } from '../ui/submission';
import { FormProblem, problemsAt } from './problems';

/** A user's roles in words ("Trưởng đơn vị — Phòng Tổng hợp"). */
export function RoleList({
  roles,
  unitLabel,
}: {
  roles: RoleAssignment[];
  unitLabel(code: string | null): string;
}) {
  const { t } = useTranslation('directory');
  if (roles.length === 0) return <span className="muted">{t('roles.none')}</span>;
  return (
    <ul className="dir-role-list">
      {roles.map((assignment) => (
        <li key={assignment.id}>{roleText(t, assignment, unitLabel)}</li>
      ))}
    </ul>
  );
}

function roleText(
  t: (key: string, values?: Record<string, unknown>) => string,
  assignment: RoleAssignment,
  unitLabel: (code: string | null) => string,
): string {
  const role = t(`roles.${assignment.role}`);
  return assignment.unitCode ? `${role} — ${unitLabel(assignment.unitCode)}` : role;
}

/** One user: details, roles granted and revoked, deactivation. Changes reach the list by `onChanged`. */
export function UserEditor({
  userId,
  allUnits,
  onChanged,
  onClose,
}: {
  userId: string;
  allUnits: Unit[];
  onChanged(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation('directory');
  const loaded = useLoad(
    () => ok(api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } })),
    [userId],
  );
  const [user, setUser] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (loaded.data) setUser(loaded.data);
  }, [loaded.data]);
  // Focus the heading once, when the user first shows; later updates keep focus where the admin is.
  const shown = user !== null;
  useEffect(() => {
    if (shown) heading.current?.focus();
  }, [shown]);

  const unitLabel = unitLabelOf(allUnits, i18n.language);

  const updated = (next: User, message: string) => {
    setUser(next);
    setNotice(message);
    onChanged();
  };

  return (
    <section className="card dir-editor" aria-labelledby="user-editor-heading">
      {loaded.error ? <ErrorNotice error={loaded.error} /> : null}
      {!user && !loaded.error && (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      )}
      {user && (
        <>
          <div className="dir-section-head">
            <h3 id="user-editor-heading" ref={heading} tabIndex={-1}>
              {t('users.editTitle', { name: user.fullName })}
            </h3>
            <button type="button" className="button" onClick={onClose}>
              {t('close')}
            </button>
          </div>
          <p className="muted">
            {user.email} · <ActiveWord active={user.active} /> ·{' '}
            {user.hasPassword ? t('users.signsInWithPassword') : t('users.noPassword')}
            {user.ssoLinked ? ` · ${t('users.ssoLinked')}` : ''}
          </p>
          {notice && (
            <div className="notice notice-ok" role="status">
              {notice}
            </div>
          )}
          <DetailsForm
            user={user}
            allUnits={allUnits}
            onSaved={(next) => updated(next, t('users.saved', { name: next.fullName }))}
            onChangedMeanwhile={(current) => {
              setUser(current);
              setNotice(null);
              onChanged();
            }}
          />
          <RolesEditor
            user={user}
            allUnits={allUnits}
            unitLabel={unitLabel}
            onChanged={(next, message) => updated(next, message)}
          />
          <AuditorCertificateForm
            key={user.id}
            user={user}
            onSaved={updated}
            onChangedMeanwhile={(current) => {
              setUser(current);
              setNotice(null);
              onChanged();
            }}
          />
          <ActiveSwitch
            user={user}
            onChanged={(next) =>
              updated(
                next,
                next.active
                  ? t('users.reactivated', { name: next.fullName })
                  : t('users.deactivated', { name: next.fullName }),
              )
            }
          />
        </>
      )}
    </section>
  );
}

/** The fields a user has besides the e-mail: name, title, unit, language, a password. */
export interface UserFieldValues {
  fullName: string;
  title: string;
  unitCode: string;
  locale: 'vi' | 'en';
  password: string;
}

/** The user's fields as one piece, for adding a user and for editing one. */
export function UserFields({
  values,
  onChange,
  error,
  allUnits,
  titleHint,
  passwordLabel,
  passwordHint,
}: {
  values: UserFieldValues;
  onChange(values: UserFieldValues): void;
  error: unknown;
  allUnits: Unit[];
  titleHint?: string;
  passwordLabel: string;
  passwordHint: string;
}) {
  const { t } = useTranslation('directory');
  const set = (patch: Partial<UserFieldValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <TextField
        label={t('users.fullName')}
        problems={problemsAt(t, error, 'fullName')}
        autoComplete="off"
        required
        value={values.fullName}
        onChange={(fullName) => set({ fullName })}
      />
      <TextField
        label={t('users.jobTitle')}
        hint={titleHint}
        problems={problemsAt(t, error, 'title')}
        autoComplete="off"
        value={values.title}
        onChange={(title) => set({ title })}
      />
      <UnitField
        label={t('users.unit')}
        problems={problemsAt(t, error, 'unitCode')}
        units={allUnits}
        value={values.unitCode}
        onChange={(unitCode) => set({ unitCode })}
        none={t('users.noUnit')}
      />
      <LocaleField
        label={t('users.locale')}
        problems={problemsAt(t, error, 'locale')}
        value={values.locale}
        onChange={(locale) => set({ locale })}
      />
      <TextField
        label={passwordLabel}
        hint={passwordHint}
        problems={problemsAt(t, error, 'password')}
        type="password"
        autoComplete="new-password"
        value={values.password}
        onChange={(password) => set({ password })}
      />
    </>
  );
}

const detailsOf = (user: User): UserFieldValues => ({
  fullName: user.fullName,
  title: user.title ?? '',
  unitCode: user.unitCode ?? '',
  locale: user.locale,
  password: '',
});

function DetailsForm({
  user,
  allUnits,
  onSaved,
  onChangedMeanwhile,
}: {
  user: User;
  allUnits: Unit[];
  onSaved(user: User): void;
  /** Someone changed the person since `user` was read: the form now shows them as they are. */
  onChangedMeanwhile(current: User): void;
}) {
  const { t } = useTranslation('directory');
  const [values, setValues] = useState<UserFieldValues>(() => detailsOf(user));
  const { busy, error, setError, run } = useBusyAction();

  const refused = (caught: unknown) => {
    setError(caught);
    const current = changedMeanwhile<User>(caught);
    if (!current) return;
    setValues((typed) => ({ ...detailsOf(current), password: typed.password }));
    onChangedMeanwhile(current);
  };

  const submit = submitWith(() =>
    run(async () => {
      const { fullName, title, unitCode, locale, password } = values;
      const saved = await ok(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: {
            fullName: fullName.trim(),
            title: title.trim() || null,
            unitCode: unitCode || null,
            locale,
            ...(password ? { password } : {}),
            // The person as this form read them: someone's change since is not silently put back.
            ifUnchangedSince: user.updatedAt,
          },
        }),
      );
      setValues((current) => ({ ...current, password: '' }));
      onSaved(saved);
    }, refused),
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="user-details-heading">
      <h4 id="user-details-heading">{t('users.details')}</h4>
      <div className="dir-grid">
        <UserFields
          values={values}
          onChange={setValues}
          error={error}
          allUnits={allUnits}
          passwordLabel={t('users.newPassword')}
          passwordHint={t('users.newPasswordHint')}
        />
      </div>
      <FormProblem error={error} fields={['fullName', 'title', 'unitCode', 'locale', 'password']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('saveChanges')}
        </button>
      </div>
    </form>
  );
}

function RolesEditor({
  user,
  allUnits,
  unitLabel,
  onChanged,
}: {
  user: User;
  allUnits: Unit[];
  unitLabel(code: string | null): string;
  onChanged(user: User, message: string): void;
}) {
  const { t } = useTranslation('directory');
  const [role, setRole] = useState<'' | Role>('');
  const [unitCode, setUnitCode] = useState('');
  const { busy, error, run } = useBusyAction();
  const [revokeError, setRevokeError] = useState<unknown>(null);

  const reread = () => ok(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } }));

  const grant = submitWith(() => {
    setRevokeError(null);
    return run(async () => {
      const granted = await ok(
        api.POST('/api/v1/users/{id}/roles', {
          params: { path: { id: user.id } },
          body: {
            role: role as Role,
            ...(role === 'unit-head' && unitCode ? { unitCode } : {}),
          },
        }),
      );
      setRole('');
      setUnitCode('');
      onChanged(
        await reread(),
        t('roles.granted', { role: roleText(t, granted, unitLabel), name: user.fullName }),
      );
    });
  });

  const revoke = (assignment: RoleAssignment) => {
    if (busy) return;
    setRevokeError(null);
    void run(async () => {
      await ok(
        api.DELETE('/api/v1/users/{id}/roles/{assignmentId}', {
          params: { path: { id: user.id, assignmentId: assignment.id } },
        }),
      );
      onChanged(
        await reread(),
        t('roles.revoked', { role: roleText(t, assignment, unitLabel), name: user.fullName }),
      );
    }, setRevokeError);
  };

  return (
    <div className="dir-roles-editor">
      <h4 id="user-roles-heading">{t('users.roles')}</h4>
      {user.roles.length === 0 ? (
        <p className="muted">{t('roles.none')}</p>
      ) : (
        <ul className="dir-assignments" aria-labelledby="user-roles-heading">
          {user.roles.map((assignment) => {
            const text = roleText(t, assignment, unitLabel);
            return (
              <li key={assignment.id}>
                <span>{text}</span>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  aria-label={t('roles.revokeNamed', { role: text, name: user.fullName })}
                  onClick={() => void revoke(assignment)}
                >
                  {t('roles.revoke')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {revokeError ? <FormProblem error={revokeError} fields={[]} /> : null}
      <form
        className="dir-grant"
        onSubmit={grant}
        noValidate
        aria-label={t('roles.grantLabel', { name: user.fullName })}
      >
        <Field label={t('roles.role')} problems={problemsAt(t, error, 'role')}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              required
              value={role}
              onChange={(e) => setRole(e.target.value as '' | Role)}
            >
              <option value="">{t('roles.choose')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {role === 'unit-head' && (
          <UnitField
            label={t('roles.headOf')}
            problems={problemsAt(t, error, 'unitCode')}
            units={allUnits}
            value={unitCode}
            onChange={setUnitCode}
            required
          />
        )}
        <FormProblem error={error} fields={['role', 'unitCode']} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy || role === ''}>
            {t('roles.grant')}
          </button>
        </div>
      </form>
    </div>
  );
}

function ActiveSwitch({ user, onChanged }: { user: User; onChanged(user: User): void }) {
  const { t } = useTranslation('directory');
  const { user: me } = useSession();
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useBusyAction();
  const self = me?.userId === user.id;

  const apply = (active: boolean) =>
    run(async () => {
      const next = await ok(
        api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { active } }),
      );
      setConfirming(false);
      onChanged(next);
    });

  return (
    <div className="dir-active">
      <h4>{t('users.access')}</h4>
      {user.active ? (
        <>
          <p className="field-hint">{self ? t('users.cannotDeactivateSelf') : t('users.deactivateHint')}</p>
          {!self &&
            (confirming ? (
              <div className="actions">
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  onClick={() => void apply(false)}
                >
                  {t('users.confirmDeactivate', { name: user.fullName })}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            ) : (
              <div className="actions">
                <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
                  {t('users.deactivate')}
                </button>
              </div>
            ))}
        </>
      ) : (
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void apply(true)}>
            {t('users.reactivate')}
          </button>
        </div>
      )}
      <FormProblem error={error} fields={[]} />
    </div>
  );
}
