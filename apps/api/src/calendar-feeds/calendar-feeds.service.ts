import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { WorkflowNotFoundError } from '@temporalio/client';
import { QcycleError, QcycleErrorCode, cycleStateQuery } from '@qcycle/contracts';
import {
  cyclePageUrl,
  icalendar,
  taskDeadlineEvent,
  taskTitleLine,
  type CalendarEvent,
  type Language,
} from '@qcycle/domain';
import { CalendarFeedEntity, QualityCycleEntity, TaskEntity, UserEntity } from '@qcycle/persistence';
import type { Principal } from '../auth/principal';
import { cycleMilestones, type YearMilestones } from '../cycles/cycle-calendar';
import { CycleStartSource } from '../temporal/cycle-start.source';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { CalendarFeedCreatedView, CalendarFeedView } from './calendar-feed.view';

/** How often a calendar app is asked to fetch the feed again. */
const REFRESH_EVERY = 'PT1H';

/** More open tasks than anyone holds; a bound, so that no feed grows without one. */
const MOST_TASKS = 500;

/**
 * A person's deadlines as a calendar they subscribe to, once, in the app they already watch: every
 * open task of theirs with a due date, and their organisation's year milestones (the internal
 * audit, the management review, the close), as they stand whenever the app fetches it. What a
 * mail's calendar entry cannot follow, the feed does: a task completed, handed to someone else or
 * cancelled leaves it; one given to them joins it; a moved due date or audit window moves. Its address carries a
 * secret token (256 random bits) because calendar apps fetch without signing in; only the token's
 * SHA-256 is kept, and making a new address (or removing it) stops the old one at once.
 */
@Injectable()
export class CalendarFeedsService {
  private readonly logger = new Logger('calendar-feeds');
  /** Closed years' milestones, by run (yearOf). */
  private readonly closedYears = new Map<string, YearMilestones>();

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    @InjectRepository(CalendarFeedEntity) private readonly feeds: Repository<CalendarFeedEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(QualityCycleEntity) private readonly cycles: Repository<QualityCycleEntity>,
    private readonly temporal: TemporalClientProvider,
    private readonly starts: CycleStartSource,
  ) {}

  async status(caller: Principal): Promise<CalendarFeedView> {
    const feed = await this.feeds.findOneBy({ userId: caller.userId });
    return feed ? { active: true, createdAt: feed.createdAt } : { active: false };
  }

  /** A new address for the caller's feed; the one before (if any) stops in the same write. */
  async create(caller: Principal): Promise<CalendarFeedCreatedView> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = new Date().toISOString();
    await this.feeds.upsert({ userId: caller.userId, tokenHash: hashOf(token), createdAt }, ['userId']);
    const url = `${this.config.publicUrl.replace(/\/+$/, '')}/api/v1/calendar-feeds/${token}/deadlines.ics`;
    return { active: true, createdAt, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }

  /** Stops the caller's feed (none: nothing to stop, the same answer). */
  async remove(caller: Principal): Promise<void> {
    await this.feeds.delete({ userId: caller.userId });
  }

  /**
   * The feed at that token: its holder's open tasks with a due date, soonest first, then their
   * organisation's year milestones, in their language. 404 alike for an unknown token, a replaced or removed one, and someone who has left
   * the directory: the address says nothing about why.
   */
  async calendar(token: string): Promise<string> {
    const feed = await this.feeds.findOneBy({ tokenHash: hashOf(token) });
    const user = feed ? await this.users.findOneBy({ id: feed.userId, active: true }) : null;
    if (!user) throw new QcycleError(QcycleErrorCode.NotFound, 'calendarFeed', {});
    const language: Language = user.locale === 'en' ? 'en' : 'vi';
    const tasks = await this.tasks.find({
      select: { id: true, cycleId: true, title: true, dueAt: true },
      where: { assigneeUserId: user.id, status: 'open', dueAt: Not(IsNull()) },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: MOST_TASKS,
    });
    const rehearsals = await this.starts.rehearsals(tasks.map((task) => task.cycleId));
    const words = FEED_WORDS[language];
    const now = new Date();
    return icalendar({
      method: 'PUBLISH',
      stampedAt: now.toISOString(),
      feed: { name: words.name(user.fullName), refreshEvery: REFRESH_EVERY },
      events: [
        ...tasks.map((task) =>
          taskDeadlineEvent({
            taskId: task.id,
            title: taskTitleLine(task.title, language),
            dueAt: task.dueAt as string,
            language,
            rehearsal: rehearsals.has(task.cycleId),
            publicUrl: this.config.publicUrl,
          }),
        ),
        ...(await this.milestones(user.organisationCode, language, now)),
      ],
    });
  }

  /**
   * The milestones of the organisation's years that are running, and of those closed within the last
   * twelve months (so that a year's close does not take its audit and review out of the calendar the
   * day it closes). A cancelled year's leave the feed, and so do those of a rehearsal once discarded
   * (its record goes). The dates are the workflow's (moved ones included): one query per running
   * year, at most a few. A workflow that does not answer fails the fetch (503), so that the calendar
   * app keeps what it had rather than losing the milestones until the next fetch.
   */
  private async milestones(
    organisationCode: string,
    language: Language,
    now: Date,
  ): Promise<CalendarEvent[]> {
    const aYearAgo = new Date(now.getTime() - KEEP_CLOSED_FOR_MS).toISOString();
    const cycles = await this.cycles.find({
      select: { id: true, workflowId: true, year: true, status: true, startedAt: true },
      // A closed year's record was last written by its close.
      where: [
        { organisationCode, status: 'running' },
        { organisationCode, status: 'closed', updatedAt: MoreThanOrEqual(aYearAgo) },
      ],
      order: { year: 'ASC', id: 'ASC' },
    });
    const rehearsals = await this.starts.rehearsals(cycles.map((cycle) => cycle.id));
    const years = await Promise.all(cycles.map((cycle) => this.yearOf(cycle, rehearsals.has(cycle.id))));
    return years
      .filter((year): year is YearMilestones => year !== undefined && !year.cancelled)
      .flatMap((year) =>
        cycleMilestones(year, { dashboardUrl: cyclePageUrl(this.config.publicUrl, year.cycleId), language }),
      );
  }

  /**
   * The year's milestones as its workflow answers them (`cycleState`: no more is read, a feed is
   * fetched every hour by every subscriber); undefined when Temporal no longer holds it or it has
   * no dates. A closed year's are read once: its dates no longer change, and a query of an ended
   * workflow replays its whole year's history in the worker. Kept by the run (its start), so that a
   * rehearsal discarded and run again is read again.
   */
  private async yearOf(cycle: QualityCycleEntity, rehearsal: boolean): Promise<YearMilestones | undefined> {
    const run = `${cycle.id}@${cycle.startedAt}`;
    const remembered = this.closedYears.get(run);
    if (remembered) return remembered;
    let state;
    try {
      state = await this.temporal.query(cycle.workflowId, cycleStateQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      // Whatever kept the year from answering (no worker within QUERY_DEADLINE_MS, Temporal down, a
      // query the worker could not answer), the feed cannot be whole: 503, and the calendar app
      // keeps what it had and fetches again. Why is for the operator.
      const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : '';
      this.logger.warn(`${cycle.workflowId} did not answer its cycleState query: ${String(error)}${cause}`);
      throw new QcycleError(QcycleErrorCode.WorkflowUnavailable, 'read');
    }
    if (!state.dates) return undefined;
    const year: YearMilestones = {
      cycleId: cycle.id,
      year: cycle.year,
      rehearsal,
      cancelled: state.status === 'cancelled',
      dates: state.dates,
      scheduleShiftMs: state.scheduleShiftMs ?? 0,
    };
    if (cycle.status === 'closed' && state.status === 'closed') {
      if (this.closedYears.size >= MOST_CLOSED_YEARS_KEPT)
        this.closedYears.delete(this.closedYears.keys().next().value as string);
      this.closedYears.set(run, year);
    }
    return year;
  }
}

/** How long a closed year's milestones stay in the feed. */
const KEEP_CLOSED_FOR_MS = 365 * 24 * 60 * 60 * 1000;

/** The year just closed of a few thousand organisations: each kept entry is a few hundred bytes. */
const MOST_CLOSED_YEARS_KEPT = 5_000;

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const FEED_WORDS = {
  vi: { name: (person: string) => `Hạn việc qcycle — ${person}` },
  en: { name: (person: string) => `qcycle deadlines — ${person}` },
} as const;
