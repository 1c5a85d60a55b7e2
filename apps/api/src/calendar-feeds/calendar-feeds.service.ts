import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, MoreThanOrEqual, Not, type Repository } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
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
import { cycleMilestones, isCancelled } from '../cycles/cycle-calendar';
import type { CycleView } from '../cycles/dto/cycle.view';
import { CyclesService } from '../cycles/cycles.service';
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
  /** Closed years' answers, by run (viewOf). */
  private readonly closedYears = new Map<string, CycleView>();

  constructor(
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
    @InjectRepository(CalendarFeedEntity) private readonly feeds: Repository<CalendarFeedEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @InjectRepository(QualityCycleEntity) private readonly cycles: Repository<QualityCycleEntity>,
    private readonly cycleViews: CyclesService,
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
    const cycleIds = [...new Set(tasks.map((task) => task.cycleId))];
    const rehearsals = new Set(
      cycleIds.length === 0
        ? []
        : (
            await this.cycles.find({
              select: { id: true, rehearsal: true },
              where: { id: In(cycleIds), rehearsal: true },
            })
          ).map((cycle) => cycle.id),
    );
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
   * day it closes). A cancelled year's leave the feed, and so do those of a rehearsal once discarded (its
   * record goes). The dates are the running workflow's (moved ones included): one query per year,
   * at most a few. A workflow that does not answer fails the fetch (503), so that the calendar app
   * keeps what it had rather than losing the milestones until the next fetch.
   */
  private async milestones(
    organisationCode: string,
    language: Language,
    now: Date,
  ): Promise<CalendarEvent[]> {
    const aYearAgo = new Date(now.getTime() - KEEP_CLOSED_FOR_MS).toISOString();
    const years = await this.cycles.find({
      select: { id: true, year: true, status: true, startedAt: true },
      // A closed year's record was last written by its close.
      where: [
        { organisationCode, status: 'running' },
        { organisationCode, status: 'closed', updatedAt: MoreThanOrEqual(aYearAgo) },
      ],
    });
    const views = await Promise.all(years.map((cycle) => this.viewOf(cycle)));
    views.forEach(assertAnswered);
    return views
      .filter((view): view is CycleView => view !== undefined && !isCancelled(view))
      .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id))
      .flatMap(
        (view) =>
          cycleMilestones(view, { dashboardUrl: cyclePageUrl(this.config.publicUrl, view.id), language }) ??
          [],
      );
  }

  /**
   * The year as its workflow answers; a closed one's answer once. Its dates no longer change, and a
   * query of an ended workflow replays its whole year's history in the worker, which calendar apps
   * fetching every hour would otherwise cost on every fetch. Kept by the run (its start), so that a
   * rehearsal discarded and run again is read again.
   */
  private async viewOf(cycle: QualityCycleEntity): Promise<CycleView | undefined> {
    const run = `${cycle.id}@${cycle.startedAt}`;
    const remembered = this.closedYears.get(run);
    if (remembered) return remembered;
    let view: CycleView;
    try {
      view = await this.cycleViews.get(cycle.id);
    } catch (error) {
      // Discarded between the two reads: its milestones are no longer anyone's.
      if (error instanceof QcycleError && error.code === QcycleErrorCode.CycleNotFound) return undefined;
      throw error;
    }
    if (cycle.status === 'closed' && view.live.status === 'closed' && view.live.dates) {
      if (this.closedYears.size >= MOST_CLOSED_YEARS_KEPT)
        this.closedYears.delete(this.closedYears.keys().next().value as string);
      this.closedYears.set(run, view);
    }
    return view;
  }
}

/**
 * A running year whose workflow did not answer the query (its worker down or busy past the wait):
 * its milestones cannot be left out of a feed, or calendar apps would drop them until the next
 * fetch; 503, and the app keeps what it had. (A year that answers without dates has none to give.)
 */
export function assertAnswered(view: CycleView | undefined): void {
  if (view?.live.executionStatus === 'RUNNING' && view.live.status === undefined)
    throw new QcycleError(QcycleErrorCode.WorkflowUnavailable, 'yearDatesUnread', { cycleId: view.id });
}

/** How long a closed year's milestones stay in the feed. */
const KEEP_CLOSED_FOR_MS = 365 * 24 * 60 * 60 * 1000;

/** The year just closed of a few thousand organisations: each kept view is a kilobyte or two. */
const MOST_CLOSED_YEARS_KEPT = 5_000;

function hashOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const FEED_WORDS = {
  vi: { name: (person: string) => `Hạn việc qcycle — ${person}` },
  en: { name: (person: string) => `qcycle deadlines — ${person}` },
} as const;
