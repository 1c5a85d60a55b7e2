import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import type { Transporter } from 'nodemailer';
import { DataSource, In } from 'typeorm';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import {
  WEEKLY_DIGEST_DEFAULTS,
  type SendWeeklyDigestsInput,
  type SendWeeklyDigestsResult,
  type WeeklyDigestActivities,
} from '@qcycle/contracts';
import {
  cycleCalendarFromSettings,
  defaultCalendarSettings,
  digestDayOf,
  digestTasks,
  digestWeek,
  type Language,
} from '@qcycle/domain';
import {
  OrganisationCalendarEntity,
  OrganisationEntity,
  OrganisationUnitEntity,
  QualityCycleEntity,
  RoleAssignmentEntity,
  TaskEntity,
  UserEntity,
  WeeklyDigestEntity,
} from '@qcycle/persistence';
import { MailingActivities, mailMessageId } from './smtp';
import { renderWeeklyDigest, type DigestMailTask } from './weekly-digest-mail';

/** The ApplicationFailure type when some digests could not be handed to SMTP: retried later. */
export const DIGEST_DELIVERY_FAILED = 'DIGEST_DELIVERY_FAILED';

/**
 * Writes and sends the Monday digests (docs/notifications.md "The Monday digest"). For each running
 * cycle's organisation: every active unit head is told of their unit's open tasks overdue or due by
 * Sunday, the Quality Representative of everyone's; someone with nothing to be told gets nothing.
 *
 * Once per person and week, by the row's id (`${weekStart}/${userId}`): a digest is written once,
 * then its stored text is sent; a retried run (an SMTP outage) sends the rows still `pending`, the
 * same text with the same Message-ID, and writes none again. Delivery is at least once, as the task
 * notices': a worker that dies between the relay's acceptance and the row's `sent` sends it again.
 */
@Injectable()
export class WeeklyDigestActivitiesService extends MailingActivities implements WeeklyDigestActivities {
  private readonly logger = new Logger(WeeklyDigestActivitiesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(QCYCLE_CONFIG) config: QcycleConfig,
  ) {
    super(config);
  }

  async sendWeeklyDigests({ weekStart, day }: SendWeeklyDigestsInput): Promise<SendWeeklyDigestsResult> {
    const week = digestWeek(weekStart, WEEKLY_DIGEST_DEFAULTS.sendTime);
    const now = new Date().toISOString();
    // Without a day: a run scheduled by the loop before it woke on every weekday, on the Monday.
    const written = await this.writeDigests(week, day ?? weekStart, now);
    // A worker without SMTP_URL leaves the pending rows to one that has it.
    if (!this.transport)
      return {
        recipients: await this.countOf(weekStart),
        sent: 0,
        recorded: await this.countOf(weekStart, 'recorded'),
      };
    const pending = await this.dataSource
      .getRepository(WeeklyDigestEntity)
      .findBy({ weekStart, delivery: 'pending' });
    let sent = 0;
    const failures: string[] = [];
    for (const row of pending) {
      const error = await this.deliver(row);
      if (error === undefined) sent += 1;
      else failures.push(`${row.id}: ${error}`);
    }
    if (failures.length > 0)
      throw ApplicationFailure.create({
        message: `${failures.length} Monday digests not handed to SMTP (retried): ${failures.join('; ')}`,
        type: DIGEST_DELIVERY_FAILED,
        nonRetryable: false,
      });
    const recorded = await this.countOf(weekStart, 'recorded');
    if (written > 0 || sent > 0)
      this.logger.log(
        `Monday digests of ${weekStart}: ${written} written, ${sent} sent, ${recorded} kept unmailed`,
      );
    return { recipients: await this.countOf(weekStart), sent, recorded };
  }

  private countOf(weekStart: string, delivery?: 'recorded'): Promise<number> {
    return this.dataSource
      .getRepository(WeeklyDigestEntity)
      .countBy(delivery ? { weekStart, delivery } : { weekStart });
  }

  /**
   * Writes the week's digests not written yet of the organisations whose digest day has come by
   * `today` (the week's first working day by their calendar, {@link digestDayOf}: a day missed, the
   * worker down, is caught up the next morning); returns how many it wrote.
   */
  private async writeDigests(
    week: ReturnType<typeof digestWeek>,
    today: string,
    now: string,
  ): Promise<number> {
    const manager = this.dataSource.manager;
    const cycles = await manager.findBy(QualityCycleEntity, { status: 'running' });
    if (cycles.length === 0) return 0;
    const already = new Set(
      (
        await manager.find(WeeklyDigestEntity, { select: { id: true }, where: { weekStart: week.weekStart } })
      ).map((row) => row.id),
    );
    let written = 0;
    for (const organisationCode of new Set(cycles.map((c) => c.organisationCode))) {
      const digestDay = digestDayOf(week.weekStart, await this.holidaysOf(organisationCode, week.weekStart));
      if (digestDay === null || digestDay > today) continue;
      const roles = await manager.findBy(RoleAssignmentEntity, {
        organisationCode,
        role: In(['unit-head', 'quality-representative']),
      });
      // Everyone's digest of the week already written (a later morning, a retried run): nothing more
      // to read here.
      const readers = [...new Set(roles.map((r) => r.userId))].filter(
        (userId) => !already.has(`${week.weekStart}/${userId}`),
      );
      if (readers.length === 0) continue;
      const cyclesOf = new Map(
        cycles.filter((c) => c.organisationCode === organisationCode).map((c) => [c.id, c]),
      );
      const open = await manager.findBy(TaskEntity, { cycleId: In([...cyclesOf.keys()]), status: 'open' });
      if (open.length === 0) continue;
      const organisation = await manager.findOneBy(OrganisationEntity, { code: organisationCode });
      const units = await manager.findBy(OrganisationUnitEntity, { organisationCode });
      const people = await manager.findBy(UserEntity, {
        id: In([...new Set([...roles.map((r) => r.userId), ...open.map((t) => t.assigneeUserId)])]),
      });
      const person = new Map(people.map((p) => [p.id, p]));
      const unitName = (code: string | null, language: Language) => {
        const unit = units.find((u) => u.code === code);
        return unit ? (language === 'en' ? unit.nameEn : unit.nameVi) : code;
      };
      // The organisation's open tasks as a digest writes them, once per language read in.
      const inLanguage = new Map<Language, DigestMailTask[]>();
      const mailTasks = (language: Language) => {
        if (!inLanguage.has(language))
          inLanguage.set(
            language,
            open.map((task) => this.mailTask(task, person, cyclesOf.get(task.cycleId)!, unitName, language)),
          );
        return inLanguage.get(language)!;
      };
      // One digest per person: the whole organisation's for a Quality Representative (who may also
      // head a unit), else the units they head, together.
      for (const userId of readers) {
        const reader = person.get(userId);
        const id = `${week.weekStart}/${userId}`;
        if (!reader?.active) continue;
        const held = roles.filter((r) => r.userId === userId);
        const everything = held.some((r) => r.role === 'quality-representative');
        const headOf = held.filter((r) => r.role === 'unit-head').map((r) => r.scope);
        const language: Language = reader.locale === 'en' ? 'en' : 'vi';
        const listed = digestTasks(
          mailTasks(language),
          everything ? 'all' : { unitCodes: headOf },
          now,
          week,
        );
        const count = listed.overdue.length + listed.dueThisWeek.length;
        if (count === 0) continue;
        const mail = renderWeeklyDigest(
          {
            name: reader.fullName,
            language,
            unitNames: everything ? null : headOf.map((code) => unitName(code, language) ?? code),
            organisationName: organisation
              ? language === 'en'
                ? organisation.nameEn
                : organisation.nameVi
              : organisationCode,
          },
          week,
          listed,
          this.config.publicUrl,
        );
        await manager
          .createQueryBuilder()
          .insert()
          .into(WeeklyDigestEntity)
          .values({
            id,
            organisationCode,
            userId: reader.id,
            weekStart: week.weekStart,
            email: reader.email,
            locale: language,
            taskCount: count,
            subject: mail.subject,
            body: mail.text,
            html: mail.html,
            delivery: reader.email && this.transport ? 'pending' : 'recorded',
            attempts: 0,
            lastError: null,
            createdAt: now,
            sentAt: null,
          })
          .orIgnore()
          .execute();
        already.add(id);
        written += 1;
      }
    }
    return written;
  }

  /**
   * The days off of the organisation's calendar in force for the week's year (its latest saved
   * version, else the official list), as a new cycle of that year would get them; the list runs
   * into the next year, so a week across New Year is covered.
   */
  private async holidaysOf(organisationCode: string, weekStart: string): Promise<string[]> {
    const year = Number(weekStart.slice(0, 4));
    const saved = await this.dataSource
      .getRepository(OrganisationCalendarEntity)
      .findOne({ where: { organisationCode, year }, order: { version: 'DESC' } });
    return cycleCalendarFromSettings(year, saved?.settings ?? defaultCalendarSettings(year)).publicHolidays;
  }

  private mailTask(
    task: TaskEntity,
    person: Map<string, UserEntity>,
    cycle: QualityCycleEntity,
    unitName: (code: string | null, language: Language) => string | null,
    language: Language,
  ): DigestMailTask {
    return {
      id: task.id,
      cycleId: task.cycleId,
      kind: task.kind,
      unitCode: task.unitCode,
      dueAt: task.dueAt,
      title: task.title,
      assigneeName: person.get(task.assigneeUserId)?.fullName ?? task.assigneeUserId,
      unitName: task.unitCode ? unitName(task.unitCode, language) : null,
      rehearsal: cycle.rehearsal === true,
    };
  }

  /** Hands one stored digest to SMTP and marks it sent; returns the error's words if it failed. */
  private async deliver(row: WeeklyDigestEntity): Promise<string | undefined> {
    const digests = this.dataSource.getRepository(WeeklyDigestEntity);
    await digests.increment({ id: row.id }, 'attempts', 1);
    try {
      await (this.transport as Transporter).sendMail({
        from: this.config.mail.from,
        to: row.email as string,
        subject: row.subject,
        text: row.body,
        html: row.html,
        messageId: mailMessageId(this.config, 'digest.', row.id),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Qcycle-Digest-Id': row.id },
      });
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      await digests.update({ id: row.id }, { lastError: said.slice(0, 2_000) });
      return said;
    }
    await digests.update(
      { id: row.id, delivery: 'pending' },
      { delivery: 'sent', sentAt: new Date().toISOString() },
    );
    return undefined;
  }
}
