import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { SessionExpiredDialog } from './auth/session-expired-dialog';
import { AppShell } from './layout/app-shell';
import { SignInPage } from './pages/sign-in.page';
import { usePageFocus } from './ui/page-focus';

// The sign-in page and the shell load with the first page; everything else is split by route.
const OidcCallbackPage = lazy(() => import('./pages/oidc-callback.page'));
const ForgotPasswordPage = lazy(() => import('./pages/forgot-password.page'));
const ResetPasswordPage = lazy(() => import('./pages/reset-password.page'));
const AccountPage = lazy(() => import('./account/account.page'));
const TaskEntryPage = lazy(() => import('./tasks/task-entry.page'));
const MyTasksPage = lazy(() => import('./tasks/my-tasks.page'));
const CyclesPage = lazy(() => import('./cycles/cycles.page'));
const CycleDashboardPage = lazy(() => import('./cycles/cycle-dashboard.page'));
const CycleAuditPage = lazy(() => import('./cycles/cycle-audit.page'));
const CycleReviewPage = lazy(() => import('./cycles/cycle-review.page'));
const CycleHistoryPage = lazy(() => import('./cycles/cycle-history.page'));
const CycleDocumentsPage = lazy(() => import('./cycles/cycle-documents.page'));
const CycleEvidencePage = lazy(() => import('./cycles/cycle-evidence.page'));
const DirectoryPage = lazy(() => import('./directory/directory.page'));
const NotificationsPage = lazy(() => import('./notifications/notifications.page'));
const CalendarPage = lazy(() => import('./calendar/calendar.page'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}

/** Each new page's heading takes the focus (ui/page-focus.ts); it needs the router's location. */
function PageFocus() {
  usePageFocus();
  return null;
}

/** Pages behind sign-in: without a session, the sign-in page, which comes back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user)
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <AppShell>{children}</AppShell>;
}

export function App() {
  return (
    <SessionProvider>
      <SessionExpiredDialog />
      <BrowserRouter>
        <PageFocus />
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/auth/callback" element={<OidcCallbackPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            {/* The mailed link: /reset-password?token=… sets a new password. */}
            <Route path="/reset-password" element={<ResetPasswordPage />} />
            {/* The e-mailed link: /tasks/<id>?token=… opens the task without a password. */}
            <Route path="/tasks/:taskId" element={<TaskEntryPage />} />
            <Route
              path="/"
              element={
                <SignedIn>
                  <MyTasksPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles"
              element={
                <SignedIn>
                  <CyclesPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId"
              element={
                <SignedIn>
                  <CycleDashboardPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId/audit"
              element={
                <SignedIn>
                  <CycleAuditPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId/review"
              element={
                <SignedIn>
                  <CycleReviewPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId/documents"
              element={
                <SignedIn>
                  <CycleDocumentsPage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId/evidence"
              element={
                <SignedIn>
                  <CycleEvidencePage />
                </SignedIn>
              }
            />
            <Route
              path="/cycles/:cycleId/history"
              element={
                <SignedIn>
                  <CycleHistoryPage />
                </SignedIn>
              }
            />
            <Route
              path="/directory"
              element={
                <SignedIn>
                  <DirectoryPage />
                </SignedIn>
              }
            />
            {/* /calendar is this year's; /calendar/<year>?version=<n> an earlier version. */}
            <Route
              path="/calendar/:year?"
              element={
                <SignedIn>
                  <CalendarPage />
                </SignedIn>
              }
            />
            <Route
              path="/notifications"
              element={
                <SignedIn>
                  <NotificationsPage />
                </SignedIn>
              }
            />
            <Route
              path="/account"
              element={
                <SignedIn>
                  <AccountPage />
                </SignedIn>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
