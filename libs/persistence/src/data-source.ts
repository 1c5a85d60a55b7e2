import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '@qcycle/config';
import { oneTransactionAtATime } from './sqlite-turns';
import { EventLogEntryEntity } from './entities/event-log-entry.entity';
import { QualityCycleEntity } from './entities/quality-cycle.entity';
import { TaskLinkUseEntity } from './entities/task-link-use.entity';
import { NotificationEntity } from './entities/notification.entity';
import { Foundation1764136800000 } from './migrations/1764136800000-foundation.migration';
import { Directory1764300000000 } from './migrations/1764300000000-directory.migration';
import { DirectoryEvents1764300000001 } from './migrations/1764300000001-directory-events.migration';
import { DirectoryEventEntity } from './entities/directory-event.entity';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationUnitEntity } from './entities/organisation-unit.entity';
import { UserEntity } from './entities/user.entity';
import { RoleAssignmentEntity } from './entities/role-assignment.entity';
import { CycleRecords1764200000000 } from './migrations/1764200000000-cycle-records.migration';
import { CYCLE_RECORD_ENTITIES } from './entities/cycle-records.entities';
import { TaskLinkUses1764400000000 } from './migrations/1764400000000-task-link-uses.migration';
import { Notifications1764400000001 } from './migrations/1764400000001-notifications.migration';
import { RateLimitHitEntity } from './entities/rate-limit-hit.entity';
import { RateLimitHits1795684591840 } from './migrations/1795684591840-rate-limit-hits.migration';
import { NotificationDeliveryAttempts1795685355667 } from './migrations/1795685355667-notification-delivery-attempts.migration';
import { NotificationReadAt1796016885302 } from './migrations/1796016885302-notification-read-at.migration';
import { DocumentVersionEntity } from './entities/document-version.entity';
import { DocumentRegister1796017826694 } from './migrations/1796017826694-document-register.migration';
import { EvidenceFileEntity } from './entities/evidence-file.entity';
import { EvidenceFiles1796018915780 } from './migrations/1796018915780-evidence-files.migration';
import { OrganisationCalendarEntity } from './entities/organisation-calendar.entity';
import { OrganisationCalendars1796023493203 } from './migrations/1796023493203-organisation-calendars.migration';
import { MeasurementPendingOverdue1796030000000 } from './migrations/1796030000000-measurement-pending-overdue.migration';
import { NextYearDraftEntity } from './entities/next-year-draft.entity';
import { NextYearDrafts1796040000000 } from './migrations/1796040000000-next-year-drafts.migration';
import { NonconformitySources1796050000000 } from './migrations/1796050000000-nonconformity-sources.migration';
import { InboxDelegateIndexes1796022431320 } from './migrations/1796022431320-inbox-delegate-indexes.migration';
import { DirectorySearchText1796060000000 } from './migrations/1796060000000-directory-search-text.migration';
import { UserSessionsValidFrom1796070000000 } from './migrations/1796070000000-user-sessions-valid-from.migration';
import { CorrectiveActionCarriedFrom1796080000000 } from './migrations/1796080000000-corrective-action-carried-from.migration';
import { QualityCycleRehearsal1796100000000 } from './migrations/1796100000000-quality-cycle-rehearsal.migration';
import { MeasurementPaperReport1796110000000 } from './migrations/1796110000000-measurement-paper-report.migration';
import { CycleStartEntity } from './entities/cycle-start.entity';
import { CycleStarts1796120000000 } from './migrations/1796120000000-cycle-starts.migration';
import { DocumentIssueRequest1796135000000 } from './migrations/1796135000000-document-issue-request.migration';
import { DocumentDispatchNumber1796140000000 } from './migrations/1796140000000-document-dispatch-number.migration';
import { AuditorCertificates1796150000000 } from './migrations/1796150000000-auditor-certificates.migration';
import { RehearsalDiscardEntity } from './entities/rehearsal-discard.entity';
import { RehearsalDiscards1796160000000 } from './migrations/1796160000000-rehearsal-discards.migration';
import { NotificationCalendars1796170000000 } from './migrations/1796170000000-notification-calendars.migration';
import { CalendarFeeds1796180000000 } from './migrations/1796180000000-calendar-feeds.migration';
import { TaskUrgedAt1796190000000 } from './migrations/1796190000000-task-urged-at.migration';
import { CalendarFeedEntity } from './entities/calendar-feed.entity';
import { WeeklyDigestEntity } from './entities/weekly-digest.entity';
import { PasswordResetMailEntity } from './entities/password-reset-mail.entity';
import { WeeklyDigests1796200000000 } from './migrations/1796200000000-weekly-digests.migration';
import { PasswordResetMails1796210000000 } from './migrations/1796210000000-password-reset-mails.migration';
import { TaskCommentsCount1796220000000 } from './migrations/1796220000000-task-comments-count.migration';
import { UnitWorkHead1796230000000 } from './migrations/1796230000000-unit-work-head.migration';
import { UserNameSortKey1796240000000 } from './migrations/1796240000000-user-name-sort-key.migration';
import { DirectorySearchEth1796250000000 } from './migrations/1796250000000-directory-search-eth.migration';
import { DecisionWording1796260000000 } from './migrations/1796260000000-decision-wording.migration';
import { DecisionEnteredBy1796270000000 } from './migrations/1796270000000-decision-entered-by.migration';
import { EvidenceAfterAnswer1796280000000 } from './migrations/1796280000000-evidence-after-answer.migration';
import { EvidenceWithdrawn1796290000000 } from './migrations/1796290000000-evidence-withdrawn.migration';
import { EvidenceErased1796300000000 } from './migrations/1796300000000-evidence-erased.migration';

/** Every entity qcycle persists. */
export const ENTITIES = [
  QualityCycleEntity,
  EventLogEntryEntity,
  TaskLinkUseEntity,
  NotificationEntity,
  ...CYCLE_RECORD_ENTITIES,
  OrganisationEntity,
  OrganisationUnitEntity,
  UserEntity,
  RoleAssignmentEntity,
  DirectoryEventEntity,
  RateLimitHitEntity,
  DocumentVersionEntity,
  EvidenceFileEntity,
  OrganisationCalendarEntity,
  NextYearDraftEntity,
  CycleStartEntity,
  RehearsalDiscardEntity,
  CalendarFeedEntity,
  WeeklyDigestEntity,
  PasswordResetMailEntity,
];

/** Every migration, in order. Listed explicitly so the same list works from src, dist and Jest. */
export const MIGRATIONS = [
  Foundation1764136800000,
  CycleRecords1764200000000,
  Directory1764300000000,
  DirectoryEvents1764300000001,
  TaskLinkUses1764400000000,
  Notifications1764400000001,
  RateLimitHits1795684591840,
  NotificationDeliveryAttempts1795685355667,
  NotificationReadAt1796016885302,
  DocumentRegister1796017826694,
  EvidenceFiles1796018915780,
  InboxDelegateIndexes1796022431320,
  OrganisationCalendars1796023493203,
  MeasurementPendingOverdue1796030000000,
  NextYearDrafts1796040000000,
  NonconformitySources1796050000000,
  DirectorySearchText1796060000000,
  UserSessionsValidFrom1796070000000,
  CorrectiveActionCarriedFrom1796080000000,
  QualityCycleRehearsal1796100000000,
  MeasurementPaperReport1796110000000,
  CycleStarts1796120000000,
  DocumentIssueRequest1796135000000,
  DocumentDispatchNumber1796140000000,
  AuditorCertificates1796150000000,
  RehearsalDiscards1796160000000,
  NotificationCalendars1796170000000,
  CalendarFeeds1796180000000,
  TaskUrgedAt1796190000000,
  WeeklyDigests1796200000000,
  PasswordResetMails1796210000000,
  TaskCommentsCount1796220000000,
  UnitWorkHead1796230000000,
  UserNameSortKey1796240000000,
  DirectorySearchEth1796250000000,
  DecisionWording1796260000000,
  DecisionEnteredBy1796270000000,
  EvidenceAfterAnswer1796280000000,
  EvidenceWithdrawn1796290000000,
  EvidenceErased1796300000000,
];

/**
 * TypeORM options for the configured database. Schema changes only ever come from MIGRATIONS
 * (`synchronize: false`), on both drivers.
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // WAL lets the API read while the worker writes; the busy timeout makes them wait for each other.
    prepareDatabase: (db: { pragma(statement: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/**
 * An initialised DataSource for these options; on SQLite it runs one transaction at a time
 * (sqlite-turns.ts). Every qcycle process opens its database here. The caller destroys it.
 */
export async function initialiseDataSource(options: DataSourceOptions): Promise<DataSource> {
  return oneTransactionAtATime(await new DataSource(options).initialize());
}

/** An initialised connection to the configured database. The caller destroys it. */
export async function openDataSource(database: DatabaseConfig): Promise<DataSource> {
  return initialiseDataSource(dataSourceOptions(database));
}
