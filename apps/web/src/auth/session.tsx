import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ok, onSessionEnded, useBearerToken } from '../api/client';
import type { components } from '../api/schema';
import { changeLanguage, i18next } from '../i18n';
import { draftsFor, forgetDrafts } from '../ui/draft';
import { endSessionsOnServer, ssoSignOutUrl } from './sign-out';

export type Me = components['schemas']['MeView'];

/**
 * A signed-in session: a bearer token and who it belongs to. A password or SSO session is kept in
 * localStorage (it survives a reload, until the token expires or the user signs out); a session
 * opened from an e-mailed task link opens that one task only and lives in this tab alone.
 */
interface StoredSession {
  accessToken: string;
  user: Me;
  expiresAt: number;
}

const STORAGE_KEY = 'qcycle.session';

function storageFor(user: Me): Storage {
  return user.authenticatedBy === 'task-link' ? sessionStorage : localStorage;
}

function readStored(): StoredSession | null {
  for (const storage of [sessionStorage, localStorage]) {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) continue;
    try {
      const session = JSON.parse(raw) as StoredSession;
      if (session.expiresAt > Date.now()) return session;
    } catch {
      /* unreadable: ignored */
    }
    storage.removeItem(STORAGE_KEY);
  }
  return null;
}

let current: StoredSession | null = readStored();
useBearerToken(() => current?.accessToken ?? null);

interface SessionContextValue {
  user: Me | null;
  /**
   * The token has expired (or was revoked) while a page was open. The person and the page stay, so
   * that nothing typed is lost; they sign in again on the spot (SessionExpiredDialog).
   */
  expired: boolean;
  /** Keeps a session the API handed out (login, SSO, task link). */
  begin(session: { accessToken: string; expiresIn: number; user: Me }): void;
  /** The user chose another language: kept with the session, so a reload keeps it too. */
  rememberLocale(locale: 'vi' | 'en'): void;
  signOut(options?: { keepDrafts?: boolean }): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(current);
  const [expired, setExpired] = useState(false);

  const signOut = useCallback((options: { keepDrafts?: boolean } = {}) => {
    // Ended on the server before the token is dropped here, so a copy of it is worth nothing; sent
    // and not awaited: signing out here never waits for, nor depends on, the answer. A task-link
    // session opens its one task only (the API answers it 403 anywhere else) and lives in this tab.
    const ending = current;
    if (ending && ending.user.authenticatedBy !== 'task-link') void endSessionsOnServer(ending.accessToken);
    // What this person typed and did not send stays with them, not with the next one at this PC;
    // kept only to sign the same person in again (SSO, after the session ran out).
    if (!options.keepDrafts) forgetDrafts();
    sessionStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(STORAGE_KEY);
    current = null;
    setSession(null);
    setExpired(false);
    // Signed in through the SSO: its session ends too, at the provider (which may ask to confirm),
    // unless the same person is about to sign in again (keepDrafts, after the session ran out).
    if (ending?.user.authenticatedBy === 'oidc' && !options.keepDrafts)
      void api.GET('/api/v1/auth/providers').then(({ data }) => {
        const leave = ssoSignOutUrl(data?.sso, window.location.origin);
        if (leave) window.location.assign(leave);
      });
  }, []);

  /** The token is no good any more: dropped, but the person and the open page are kept. */
  const expire = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(STORAGE_KEY);
    current = null;
    setExpired(true);
  }, []);

  const begin = useCallback((handed: { accessToken: string; expiresIn: number; user: Me }) => {
    draftsFor(handed.user.userId);
    const stored: StoredSession = {
      accessToken: handed.accessToken,
      user: handed.user,
      expiresAt: Date.now() + handed.expiresIn * 1000,
    };
    sessionStorage.removeItem(STORAGE_KEY);
    localStorage.removeItem(STORAGE_KEY);
    storageFor(handed.user).setItem(STORAGE_KEY, JSON.stringify(stored));
    current = stored;
    setSession(stored);
    setExpired(false);
  }, []);

  const rememberLocale = useCallback((locale: 'vi' | 'en') => {
    if (!current) return;
    const stored: StoredSession = { ...current, user: { ...current.user, locale } };
    storageFor(stored.user).setItem(STORAGE_KEY, JSON.stringify(stored));
    current = stored;
    setSession(stored);
  }, []);

  useEffect(() => onSessionEnded(expire), [expire]);

  // Said when the token runs out, not only at the next request: the person signs in again before
  // they send what they are typing.
  const expiresAt = expired ? undefined : session?.expiresAt;
  useEffect(() => {
    if (expiresAt === undefined) return;
    // setTimeout takes at most 2^31-1 ms (24.8 days); a session is never that long.
    const timer = setTimeout(expire, Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [expiresAt, expire]);

  // The user's saved language wins over the device's once they are known.
  const locale = session?.user.locale;
  useEffect(() => {
    if ((locale === 'vi' || locale === 'en') && locale !== i18next.language) void changeLanguage(locale);
  }, [locale]);

  const value = useMemo(
    () => ({ user: session?.user ?? null, expired, begin, rememberLocale, signOut }),
    [session, expired, begin, rememberLocale, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export type Role = Me['roles'][number];
export const hasRole = (user: Me | null, ...roles: Role[]) =>
  !!user && roles.some((role) => user.roles.includes(role));

/** Roles that only read: the API refuses their holders every write (the certification body's auditor). */
const READ_ONLY_ROLES: readonly Role[] = ['external-auditor'];

/**
 * Whether every role of this person only reads: the pages then offer nothing that the API would
 * answer 403 (someone holding another role as well keeps what that role offers).
 */
export const onlyReads = (user: Me | null) =>
  !!user && user.roles.length > 0 && user.roles.every((role) => READ_ONLY_ROLES.includes(role));

/** Signs in with e-mail and password (POST /api/v1/auth/login). */
export async function signInWithPassword(email: string, password: string) {
  return ok(api.POST('/api/v1/auth/login', { body: { email, password } }));
}
