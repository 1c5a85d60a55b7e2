import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, ApiProblem, ok, taskPath } from '../api/client';
import { useSession } from '../auth/session';
import { AppShell } from '../layout/app-shell';
import { LanguageSwitch } from '../layout/language-switch';
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

/**
 * Why the API refused the link (`details.reason`): 409 used, or its task done or handed to someone
 * else; 403 expired, tampered, malformed, another task's.
 */
function reasonOf(error: unknown): LinkReason {
  if (!(error instanceof ApiProblem)) return 'OTHER';
  const named = (error.details?.reason as string | undefined) ?? error.code;
  if ((LINK_REASONS as readonly string[]).includes(named)) return named as LinkReason;
  return error.status === 409 ? 'TASK_LINK_ALREADY_USED' : 'OTHER';
}

/** A link that cannot open the task: what happened, and the way in by signing in. */
function LinkRefused({ reason, taskId }: { reason: LinkReason; taskId: string }) {
  const { t } = useTranslation('tasks');
  const { user } = useSession();
  const signedIn = !!user && user.authenticatedBy !== 'task-link';
  usePageTitle(t(`link.${reason}.title`));
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card task-link-card" role="alert" aria-labelledby="link-title">
        <div className="sign-in-head">
          <h1 id="link-title">{t(`link.${reason}.title`)}</h1>
          <LanguageSwitch />
        </div>
        <p>{t(`link.${reason}.body`)}</p>
        <p>{t('link.signInToContinue')}</p>
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
      </div>
    </main>
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
  const { user, begin } = useSession();
  const token = new URLSearchParams(location.search).get('token');
  const exchanged = useRef<string | null>(null);
  const [opened, setOpened] = useState<TaskDetail>();
  const [refused, setRefused] = useState<LinkReason>();

  useEffect(() => {
    // StrictMode runs effects twice in development: the link is single-use, so exchange it once.
    if (!token || exchanged.current === token) return;
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
        setRefused(reasonOf(error));
        window.history.replaceState(window.history.state, '', taskPath(taskId));
      },
    );
  }, [token, taskId, begin, navigate, user]);

  if (refused) return <LinkRefused reason={refused} taskId={taskId} />;
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
