import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasRole, useSession } from '../../auth/session';

/** Who the API lets read a cycle's event log (`GET /cycles/{id}/events`), and so its dossier. */
export const EVENT_LOG_READERS = [
  'quality-representative',
  'leader',
  'auditor',
  'lead-auditor',
  'external-auditor',
  'clerk',
] as const;

/** The address of one record's history: every event about it, oldest first (how it went). */
export const historyOfRecord = (cycleId: string, subject: string) =>
  `/cycles/${encodeURIComponent(cycleId)}/history?${new URLSearchParams({ subject, order: 'asc' }).toString()}`;

/** The address of the year's files of one unit's records (the year's files page, filtered). */
export const yearFilesOfUnit = (cycleId: string, unit: string) =>
  `/cycles/${encodeURIComponent(cycleId)}/evidence?${new URLSearchParams({ unit }).toString()}`;

/**
 * Whether the signed-in person may open the pages read from the event log (the history, the year's
 * files): one of its readers, not a session opened by an e-mailed link (it reads its task only).
 */
export function useReadsEventLog(): boolean {
  const { user } = useSession();
  return hasRole(user, ...EVENT_LOG_READERS) && user?.authenticatedBy !== 'task-link';
}

/**
 * "Lịch sử xử lý": the cycle's history of one record (a corrective action with every round, its
 * tasks and the files uploaded to it), for those who read the event log; nothing for the others,
 * nor for a session opened by an e-mailed link (it reads its task only) — not even the element it
 * sits in (`as`), so a page keeps no empty line where the link would be.
 */
export function RecordHistoryLink({
  cycleId,
  subject,
  as: Wrapper,
  className,
  children,
}: {
  cycleId: string;
  subject: string;
  /** The element the link sits in: a block of its own, or a span after the text it follows. */
  as?: 'p' | 'div' | 'span';
  className?: string;
  /** The link's words where "Lịch sử xử lý" would not say enough. */
  children?: ReactNode;
}) {
  const { t } = useTranslation('cycles');
  if (!useReadsEventLog()) return null;
  const link = <Link to={historyOfRecord(cycleId, subject)}>{children ?? t('history.ofRecord')}</Link>;
  if (!Wrapper) return link;
  return (
    <Wrapper className={className}>
      {/* After the text it follows, on the same line: a word's space apart. */}
      {Wrapper === 'span' && ' '}
      {link}
    </Wrapper>
  );
}

/**
 * "Tệp minh chứng của <đơn vị> trong năm": the year's files of one unit's records (its reports', its
 * audit steps', its corrective actions'), for those who read the event log, as the history's link.
 */
export function UnitFilesLink({
  cycleId,
  unitCode,
  unitName,
  as: Wrapper,
}: {
  cycleId: string;
  unitCode: string;
  /** The unit as the page names it. */
  unitName: string;
  as: 'p' | 'div';
}) {
  const { t } = useTranslation('cycles');
  if (!useReadsEventLog()) return null;
  return (
    <Wrapper>
      <Link to={yearFilesOfUnit(cycleId, unitCode)}>{t('evidenceFiles.ofUnit', { unit: unitName })}</Link>
    </Wrapper>
  );
}
