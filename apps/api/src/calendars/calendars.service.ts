import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  cycleCalendarFromSettings,
  DEFAULT_START_OF_YEAR_DEADLINES,
  defaultCalendarSettings,
  hasOfficialHolidayList,
  startOfYearDeadlines,
  validateCalendarSettings,
  vietnamOfficialHolidays,
  type CycleCalendar,
  type OrganisationCalendarSettings,
} from '@qcycle/domain';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { OrganisationCalendarEntity } from '@qcycle/persistence';
import type { Attribution } from '../auth/auth.decorators';
import { sameJson } from '../common/same-json';
import { conflict, isUniqueViolation } from '../directory/directory-errors';
import { record } from '../directory/directory.service';
import type {
  CalendarSettingsDto,
  CalendarVersionList,
  CalendarVersionView,
  CalendarView,
  SaveCalendarDto,
} from './dto/calendar.dto';

/**
 * An organisation's calendar per year: versions saved by the administrator or the Quality
 * Representative, else the default (`defaultCycleCalendar`). New cycles take the version in force
 * when they start (the calendar is then part of the cycle's input: a later save never touches a
 * running cycle, whose dates move only through POST /cycles/{id}/dates).
 */
@Injectable()
export class CalendarsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The calendar a cycle of the organisation's `year` starts with. */
  async calendarFor(organisationCode: string, year: number): Promise<CycleCalendar> {
    const saved = await this.latest(organisationCode, year);
    return cycleCalendarFromSettings(year, saved?.settings ?? defaultCalendarSettings(year));
  }

  async get(organisationCode: string, yearParam: string, version?: number): Promise<CalendarView> {
    const year = calendarYear(yearParam);
    const latest = await this.latest(organisationCode, year);
    const shown =
      version === undefined ? latest : await this.versions().findOneBy({ organisationCode, year, version });
    if (version !== undefined && !shown)
      throw new QcycleError(QcycleErrorCode.NotFound, 'calendarVersion', { version, year });
    const settings = shown?.settings ?? defaultCalendarSettings(year);
    const calendar = cycleCalendarFromSettings(year, settings);
    return {
      organisationCode,
      year,
      ...versionOf(shown),
      currentVersion: latest?.version ?? 0,
      settings: settings as CalendarSettingsDto,
      publicHolidays: calendar.publicHolidays,
      yearsWithoutOfficialList: [year, year + 1].filter((y) => !hasOfficialHolidayList(y)),
      officialHolidays: [...vietnamOfficialHolidays(year), ...vietnamOfficialHolidays(year + 1)],
      startOfYearInEffect: startOfYearDeadlines(calendar),
      startOfYearDefaults: { ...DEFAULT_START_OF_YEAR_DEADLINES },
    };
  }

  async history(organisationCode: string, yearParam: string): Promise<CalendarVersionList> {
    const year = calendarYear(yearParam);
    const rows = await this.versions().find({
      where: { organisationCode, year },
      order: { version: 'DESC' },
    });
    return { items: rows.map(versionOf) };
  }

  /** Saves the next version; 422 naming every field the calendar's rules refuse. */
  async save(
    organisationCode: string,
    yearParam: string,
    body: SaveCalendarDto,
    by: Attribution,
  ): Promise<CalendarView> {
    const year = calendarYear(yearParam);
    const { reason, ifCurrentVersion, ...given } = body;
    const settings = settingsOf(given);
    const problems = validateCalendarSettings(year, settings);
    if (problems.length > 0) {
      const fields: Record<string, string[]> = {};
      for (const problem of problems) (fields[problem.path || 'calendar'] ??= []).push(problem.reason);
      throw new QcycleError(
        QcycleErrorCode.RuleViolated,
        'default',
        { fields: Object.keys(fields) },
        { fields, problems },
      );
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        const latest = await manager
          .getRepository(OrganisationCalendarEntity)
          .findOne({ where: { organisationCode, year }, order: { version: 'DESC' } });
        // The same save sent again (its x-request-id and content), its answer lost on the way: what it
        // saved, once. Other content under a reused id is a save of its own.
        const resent =
          latest?.requestId === by.requestId &&
          sameJson(latest.reason, reason) &&
          sameJson(latest.settings, settings);
        if (resent) return;
        // Read to be edited before another version was saved: saving it would replace that one unseen.
        if (ifCurrentVersion !== undefined && ifCurrentVersion !== (latest?.version ?? 0))
          throw conflict('calendarChangedMeanwhile', { year }, { currentVersion: latest?.version ?? 0 });
        const row: OrganisationCalendarEntity = {
          organisationCode,
          year,
          version: (latest?.version ?? 0) + 1,
          settings,
          reason: reason ?? null,
          savedBy: by.actor,
          savedAt: new Date().toISOString(),
          requestId: by.requestId,
        };
        await manager.insert(OrganisationCalendarEntity, row as never);
        await record(manager, organisationCode, 'calendar.saved', by, {
          year,
          version: row.version,
          reason: row.reason,
          addedHolidays: settings.addedHolidays,
          removedHolidays: settings.removedHolidays,
        });
      });
    } catch (error) {
      // Two saves of the same version at once: the primary key keeps one, the other is told.
      if (isUniqueViolation(error)) throw conflict('calendarChangedMeanwhile', { year });
      throw error;
    }
    return this.get(organisationCode, String(year));
  }

  private latest(organisationCode: string, year: number): Promise<OrganisationCalendarEntity | null> {
    return this.versions().findOne({ where: { organisationCode, year }, order: { version: 'DESC' } });
  }

  private versions() {
    return this.dataSource.getRepository(OrganisationCalendarEntity);
  }
}

/** The path's year: a calendar exists for 2000–2100 (the years a cycle can have); else 404. */
function calendarYear(param: string): number {
  const year = /^\d{4}$/.test(param) ? Number(param) : NaN;
  if (!(year >= 2000 && year <= 2100))
    throw new QcycleError(QcycleErrorCode.NotFound, 'calendar', { year: param });
  return year;
}

function versionOf(row: OrganisationCalendarEntity | null): CalendarVersionView {
  return {
    version: row?.version ?? 0,
    savedBy: row?.savedBy ?? null,
    savedAt: row?.savedAt ?? null,
    reason: row?.reason ?? null,
  };
}

/** The domain settings from the validated body: plain objects, optional fields left out when unset. */
function settingsOf(body: CalendarSettingsDto): OrganisationCalendarSettings {
  const monitoring = {
    dueWorkingDaysAfterPeriodEnd: body.monitoring.dueWorkingDaysAfterPeriodEnd,
    dueTime: body.monitoring.dueTime,
    ...(body.monitoring.periodCutOffDay !== undefined
      ? { periodCutOffDay: body.monitoring.periodCutOffDay }
      : {}),
  };
  const startOfYear = body.startOfYear
    ? Object.fromEntries(Object.entries(body.startOfYear).filter(([, days]) => days !== undefined))
    : undefined;
  return {
    monitoring,
    reminderBeforeDueDays: body.reminderBeforeDueDays,
    escalationAfterDueDays: {
      unitHead: body.escalationAfterDueDays.unitHead,
      qualityRepresentative: body.escalationAfterDueDays.qualityRepresentative,
    },
    notificationTime: body.notificationTime,
    auditWindow: { from: body.auditWindow.from, to: body.auditWindow.to },
    managementReviewDate: body.managementReviewDate,
    closeDate: body.closeDate,
    ...(startOfYear ? { startOfYear } : {}),
    addedHolidays: body.addedHolidays.map(({ date, name }) => ({ date, name })),
    removedHolidays: body.removedHolidays.map(({ date, name }) => ({ date, name })),
  };
}
