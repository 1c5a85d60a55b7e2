import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiProblem, ok, taskPath } from '../api/client';
import { useSession } from '../auth/session';
import { AppShell } from '../layout/app-shell';
import { SignInCard } from '../layout/sign-in-card';
import { TaskView } from './task-view';
import type { TaskDetail } from './task-types';
import { usePageTitle } from '../ui/page-title';
import './tasks.css';

const LINK_REASONS = [
  'TASK_LINK_ALREADY_USED',
  'TASK_LINK_EXPIRED',
  'TASK_LINK_BAD_SIGNATURE',
  'TASK_LINK_MALFORMED',
  'TASK_LINK_WRONG_TASK',
  'TASK_LINK_TASK_CLOSED',
  'TASK_LINK_REASSIGNED',
] as const;
type LinkReason = (typeof LINK_REASONS)[number] | 'OTHER';

/** The statuses a closed task's refusal names (`details.status`), each said in its own words. */
const CLOSED_STATUSES = ['completed', 'cancelled', 'expired', 'resolved'] as const;

interface Refusal {
  reason: LinkReason;
  /** Of a closed task: how it closed. */
  status?: (typeof CLOSED_STATUSES)[number];
}

/**
 * Why the API refused the link (`details.reason`): 409 used, or its task done or handed to someone
 * else; 403 expired, tampered, malformed, another task's.
 */
function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiProblem)) return { reason: 'OTHER' };
  const named = (error.details?.reason as string | undefined) ?? error.code;
  if (!(LINK_REASONS as readonly string[]).includes(named))
    return { reason: error.status === 409 ? 'TASK_LINK_ALREADY_USED' : 'OTHER' };
  const status = error.details?.status as string | undefined;
  return {
    reason: named as LinkReason,
    ...(named === 'TASK_LINK_TASK_CLOSED' && (CLOSED_STATUSES as readonly string[]).includes(status ?? '')
      ? { status: status as Refusal['status'] }
      : {}),
  };
}

/**
 * Whom an e-mailed link was sent to (the user id in its payload), read without checking it: only to
 * keep from using someone else's link where another person is signed in. The API checks the
 * signature when the link is used. Undefined when the link cannot be read (the API then says why).
 */
function recipientOf(token: string): string | undefined {
  try {
    const payload = token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { u?: unknown };
    return typeof claims.u === 'string' ? claims.u : undefined;
  } catch {
    return undefined;
  }
}

/** A link that cannot open the task: what happened, and the way in by signing in. */
function LinkRefused({ refusal, taskId }: { refusal: Refusal; taskId: string }) {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const signedIn = !!user && user.authenticatedBy !== 'task-link';
  const words = refusal.status ? `link.closed.${refusal.status}` : `link.${refusal.reason}`;
  usePageTitle(t(`${words}.title`));
  return (
    <SignInCard title={t(`${words}.title`)} alert className="task-link-card">
      <p>{t(`${words}.body`)}</p>
      {!signedIn && <p>{t('link.signInToContinue')}</p>}
      <p className="actions">
        {signedIn ? (
          <Link className="button button-primary" to={taskPath(taskId)}>
            {t('link.openTask')}
          </Link>
        ) : (
          <Link className="button button-primary" to="/sign-in" state={{ from: taskPath(taskId) }}>
            {t('link.signIn')}
          </Link>
        )}
      </p>
    </SignInCard>
  );
}

/**
 * Someone else's link, opened where another person is signed in (a shared office PC, a forwarded
 * mail): neither the session nor the link is used. The recipient at this PC signs the other person
 * out and the link opens; the one signed in may open the task as themselves (the page then shows it,
 * or says it is not theirs).
 */
function LinkOfAnotherPerson({
  signedInAs,
  taskId,
  onSignOut,
}: {
  signedInAs: { fullName: string; sso: boolean };
  taskId: string;
  onSignOut(): void;
}) {
  const { t } = useTranslation('tasks');
  const name = signedInAs.fullName;
  usePageTitle(t('link.otherRecipient.title'));
  return (
    <SignInCard title={t('link.otherRecipient.title')} alert className="task-link-card">
      <p>{t('link.otherRecipient.body', { name })}</p>
      <p>{t(signedInAs.sso ? 'link.otherRecipient.hintSso' : 'link.otherRecipient.hint', { name })}</p>
      <p className="actions">
        <button type="button" className="button button-primary" onClick={onSignOut}>
          {t(signedInAs.sso ? 'link.otherRecipient.signOut' : 'link.otherRecipient.signOutAndOpen')}
        </button>
        <Link className="button" to={taskPath(taskId)}>
          {t('link.otherRecipient.openAsMe', { name })}
        </Link>
      </p>
    </SignInCard>
  );
}

/**
 * /tasks/:taskId — from the e-mailed link (`?token=…`, exchanged once for a session of this task
 * only, then removed from the address bar) or from My tasks (signed in).
 */
export default function TaskEntryPage() {
  const { t } = useTranslation('tasks');
  const { taskId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { user, begin, signOut } = useSession();
  const token = new URLSearchParams(location.search).get('token');
  const exchanged = useRef<string | null>(null);
  const [opened, setOpened] = useState<TaskDetail>();
  const [refused, setRefused] = useState<Refusal>();
  /** The link was sent to someone other than the person signed in here: held, not used. */
  const [held, setHeld] = useState<{ token: string; fullName: string; sso: boolean }>();

  useEffect(() => {
    // StrictMode runs effects twice in development: the link is single-use, so exchange it once.
    if (!token || exchanged.current === token || held?.token === token) return;
    const signedIn = user && user.authenticatedBy !== 'task-link' ? user : null;
    const sentTo = recipientOf(token);
    if (signedIn && sentTo !== undefined && sentTo !== signedIn.userId) {
      // Exchanging it would sign this person out in favour of the recipient, and use the link up.
      setHeld({ token, fullName: signedIn.fullName, sso: signedIn.authenticatedBy === 'oidc' });
      window.history.replaceState(window.history.state, '', taskPath(taskId));
      return;
    }
    exchanged.current = token;
    ok(
      api.POST('/api/v1/tasks/{taskId}/link-session', { params: { path: { taskId } }, body: { token } }),
    ).then(
      (session) => {
        // Someone already signed in as that same person keeps their full session.
        const same = user && user.authenticatedBy !== 'task-link' && user.userId === session.user.userId;
        if (!same) begin(session);
        setOpened(session.task);
        window.history.replaceState(window.history.state, '', taskPath(taskId));
        navigate(taskPath(taskId), { replace: true });
      },
      (error: unknown) => {
        setRefused(refusalOf(error));
        window.history.replaceState(window.history.state, '', taskPath(taskId));
      },
    );
  }, [token, taskId, begin, navigate, user, held]);

  // Shown while the address is the link's: "Mở việc" leads to the task itself (no token).
  if (refused && token) return <LinkRefused refusal={refused} taskId={taskId} />;
  if (held && held.token === token)
    return (
      <LinkOfAnotherPerson
        signedInAs={held}
        taskId={taskId}
        onSignOut={() => {
          signOut();
          // A password session ends here: the link then opens for its recipient. An SSO session
          // ends at the provider, which leaves this page: the link stays unused for the next try.
          if (!held.sso) setHeld(undefined);
        }}
      />
    );
  if (token)
    return (
      <main className="sign-in" id="main">
        <p className="loading" role="status">
          {t('link.opening')}
        </p>
      </main>
    );
  const otherTaskLink =
    user?.authenticatedBy === 'task-link' && user.onlyTaskId && user.onlyTaskId !== taskId;
  if (!user || otherTaskLink)
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return (
    <AppShell>
      <TaskView taskId={taskId} initial={opened} />
    </AppShell>
  );
}
