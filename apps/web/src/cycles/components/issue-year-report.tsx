import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem, ok } from '../../api/client';
import { useRequestId } from '../../api/request-id';
import { useBusyAction } from '../../ui/submission';

/** The year-end reports the Quality Representative issues before the close, by their route. */
export type YearEndReportRoute = 'report' | 'annual-qms-report';

/**
 * The Quality Representative issues a year-end report as the records say it now (before the close a
 * download is a draft, registered nowhere): an explicit second step says what issuing does. The
 * request keeps its x-request-id until it succeeds, so a click sent again after a lost answer issues
 * once. Refusals (403, 404, 503) are shown where the button was.
 */
export function IssueYearReport({
  cycleId,
  route,
  name,
  onIssued,
}: {
  cycleId: string;
  route: YearEndReportRoute;
  /** The document's name, as the page lists it. */
  name: string;
  onIssued: () => void;
}) {
  const { t } = useTranslation('cycles');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useBusyAction();
  const [issued, setIssued] = useState<string | null>(null);
  const requestId = useRequestId();
  const confirmRef = useRef<HTMLDivElement>(null);
  const textId = `issue-${route}-confirm`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const issue = () =>
    run(async () => {
      setIssued(null);
      const init = {
        params: { path: { cycleId } },
        headers: { 'x-request-id': requestId.idFor({ cycleId, route }) },
      };
      const answer = await ok(
        route === 'report'
          ? api.POST('/api/v1/cycles/{cycleId}/report/issue', init)
          : api.POST('/api/v1/cycles/{cycleId}/annual-qms-report/issue', init),
      );
      requestId.succeeded();
      setIssued(
        t(answer.issuedNow ? 'documents.issuedNow' : 'documents.issuedAlready', { version: answer.version }),
      );
      onIssued();
    }).finally(() => setConfirming(false));
  const problem = error instanceof ApiProblem ? error : undefined;
  const said =
    error !== null
      ? {
          ok: false,
          text:
            problem?.status === 403
              ? t('documents.issueForbidden')
              : (problem?.message ?? t('errors.network')),
        }
      : issued && { ok: true, text: issued };

  return (
    <div className="issue-report">
      {!confirming && (
        <div className="actions">
          <button
            type="button"
            className="button"
            aria-disabled={busy || undefined}
            onClick={() => setConfirming(true)}
          >
            {t('documents.issue')}
          </button>
        </div>
      )}
      {confirming && (
        <div
          className="notice notice-warn confirm-step"
          role="alertdialog"
          aria-labelledby={textId}
          tabIndex={-1}
          ref={confirmRef}
        >
          <p id={textId}>{t('documents.issueConfirmText', { name })}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void issue()}
              disabled={busy}
            >
              {busy ? t('documents.issuing') : t('documents.issueConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('documents.issueBack')}
            </button>
          </div>
        </div>
      )}
      {said && (
        <p className={said.ok ? 'notice notice-ok' : 'field-error'} role="status">
          {said.text}
        </p>
      )}
    </div>
  );
}
