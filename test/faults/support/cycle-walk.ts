import { Client } from '@temporalio/client';
import { eventually, localActivityType } from '@qcycle/testing';
import { DemoOrganisation, taskPath, type TaskSummary } from '../../api/support/demo-organisation';
import { HttpRecorder, type Answer } from '../../api/support/http-recorder';
import type { FaultStack } from './fault-stack';

/**
 * A rehearsal of 2024 that begins on 2 April (`rehearsalFrom`): on the real clock the first quarter
 * is already over, so objective 3's first-quarter report opens as soon as the objectives are
 * assigned, whatever today's date.
 */
export const year = 2024;
export const REHEARSAL_FROM = '2024-04-02';
export const cycleId = `kontum-${year}`;

export const APPROVE = { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: `${year}-01-05` };
export const Q1_REPORT = {
  figures: [{ indicatorId: 'obj-3-reform-targets', numerator: 10, denominator: 10 }],
  evidence: ['BC-CCHC-Q1'],
};

/** A calendar feed's answer as a calendar app reads it. */
export interface FeedAnswer {
  status: number;
  text: string;
  language: string | null;
  retryAfter: string | null;
}

/**
 * The start of the year over HTTP, as its people do it, against a fault stack's API: the Quality
 * Representative starts the cycle; the leader approves; the Chief of Office delegates; the units
 * accept (objective 3 passed to Lan, staff.tthc); Lan reports the first quarter. Each step is a
 * method, so a suite can put its fault between any two, or in the middle of one.
 */
export class CycleWalk {
  readonly http: HttpRecorder;
  readonly org: DemoOrganisation;

  constructor(readonly stack: FaultStack) {
    this.http = new HttpRecorder(stack.baseUrl);
    this.org = new DemoOrganisation(this.http, 'kontum');
  }

  /**
   * The walk every fault suite begins with: these people signed in (before any fault, so a fault
   * never lands on a login) and the year's cycle started.
   */
  static async begin(
    stack: FaultStack,
    people: readonly string[] = ['qmr', 'leader', 'head.tthc', 'head.tonghop', 'staff.tthc'],
  ): Promise<CycleWalk> {
    const walk = new CycleWalk(stack);
    for (const person of people) await walk.org.tokenOf(person);
    await walk.startCycle();
    return walk;
  }

  /**
   * A calendar app's subscription to that person's feed: the address made through the API, then a
   * fetch of it as a calendar app makes it (no sign-in), each time it is called.
   */
  async calendarFeedOf(local: string): Promise<() => Promise<FeedAnswer>> {
    const feed = await this.org.as<{ url: string }>(local, 'POST', '/api/v1/me/calendar-feed');
    if (feed.status !== 201) throw new Error(`no calendar feed for ${local}: ${feed.status}`);
    const address = `${this.stack.baseUrl}${new URL(feed.body.url).pathname}`;
    return async () => {
      const answer = await fetch(address);
      return {
        status: answer.status,
        text: await answer.text(),
        language: answer.headers.get('content-language'),
        retryAfter: answer.headers.get('retry-after'),
      };
    };
  }

  complete(local: string, taskId: string, outcome: unknown): Promise<Answer> {
    return this.org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });
  }

  /**
   * Completes as a careful client does: a `503` (the workflow did not answer in time) or no answer
   * at all (the API process is gone) is sent again, the same request, until a real answer or the
   * deadline. Returns that answer and the statuses seen before it (`0` for no answer).
   */
  async completeRetrying(
    local: string,
    taskId: string,
    outcome: unknown,
    timeoutMs = 150_000,
  ): Promise<{ answer: Answer; retried: number[] }> {
    const deadline = Date.now() + timeoutMs;
    const retried: number[] = [];
    for (;;) {
      const answer = await this.complete(local, taskId, outcome).catch(() => undefined);
      if (answer && answer.status !== 503) return { answer, retried };
      retried.push(answer?.status ?? 0);
      if (Date.now() > deadline)
        throw new Error(`no answer to completing ${taskId} but ${retried.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** A person's open task of a kind, once the activities have recorded it. */
  taskOf(
    local: string,
    kind: string,
    filter: (task: TaskSummary) => boolean = () => true,
    timeoutMs = 60_000,
  ) {
    return eventually(
      `an open ${kind} task for ${local}`,
      async () => (await this.org.inbox(local, kind)).find(filter),
      { timeoutMs, intervalMs: 200 },
    );
  }

  async startCycle(): Promise<void> {
    const started = await this.org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode: 'kontum',
      year,
      templateId: 'kontum-2024',
      rehearsal: true,
      rehearsalFrom: REHEARSAL_FROM,
    });
    expect(started.status).toBe(201);
    expect(started.body.id).toBe(cycleId);
  }

  approvalTask(): Promise<TaskSummary> {
    return this.taskOf('leader', 'objectives-approval');
  }

  /** The Chief of Office's delegations as the form proposes them. */
  async delegations(taskId: string): Promise<{ objectiveId: string; unitCode: string }[]> {
    const detail = await this.org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(taskId),
    );
    expect(detail.status).toBe(200);
    return detail.body.form.objectives.map((o) => ({ objectiveId: o.id, unitCode: o.proposedUnitCode }));
  }

  async assign(): Promise<void> {
    const task = await this.taskOf('qmr', 'assignment-acceptance');
    const accepted = await this.complete('qmr', task.id, {
      accepted: true,
      delegations: await this.delegations(task.id),
    });
    expect(accepted.status).toBe(200);
    await this.acceptUnits();
  }

  /** Each unit accepts its objectives; procedure control passes objective 3 to Lan. */
  async acceptUnits(): Promise<void> {
    await this.org.tokenOf('staff.tthc');
    const procedures = await this.taskOf('head.tthc', 'unit-acceptance');
    expect(
      (
        await this.complete('head.tthc', procedures.id, {
          accepted: true,
          staffDelegations: [{ objectiveId: 'obj-3', userId: this.org.idOf('staff.tthc') }],
        })
      ).status,
    ).toBe(200);
    const generalAffairs = await this.taskOf('head.tonghop', 'unit-acceptance');
    expect((await this.complete('head.tonghop', generalAffairs.id, { accepted: true })).status).toBe(200);
    const serviceCentre = await this.taskOf('qmr', 'unit-acceptance');
    expect((await this.complete('qmr', serviceCentre.id, { accepted: true })).status).toBe(200);
  }

  /** Lan's first-quarter report of objective 3 (open once the objectives are assigned). */
  reportTask(): Promise<TaskSummary> {
    return this.taskOf(
      'staff.tthc',
      'measurement-report',
      (t) => t.objectiveId === 'obj-3' && t.periodKey === `${year}-Q1`,
    );
  }

  // ---- what the record and the history hold ----------------------------------------------------

  /** The task's row, and how many `task.completed` entries name it in the event log. */
  async recordOf(taskId: string) {
    const [task] = await this.stack.sql<{
      status: string;
      completed_by: string | null;
      outcome: string | null;
    }>('SELECT status, completed_by, outcome FROM tasks WHERE id = $1', [taskId]);
    const [{ count }] = await this.stack.sql<{ count: string }>(
      `SELECT count(*) FROM event_log WHERE type = 'task.completed' AND payload::json->>'taskId' = $1`,
      [taskId],
    );
    return { task, completedEvents: Number(count) };
  }

  /**
   * How many times the owning workflow accepted and completed the `completeTask` Update of this task
   * (its update id is the task id), and how many `completeTaskRecord` activities it scheduled for it.
   */
  async historyOf(taskId: string) {
    const [{ workflow_id: workflowId }] = await this.stack.sql<{ workflow_id: string }>(
      'SELECT workflow_id FROM tasks WHERE id = $1',
      [taskId],
    );
    const client = new Client({ connection: await this.stack.temporalConnection() });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const accepted = events.filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === taskId,
    ).length;
    const completed = events.filter(
      (e) => e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === taskId,
    ).length;
    const scheduledRecords = events.filter((e) => {
      const scheduled = e.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'completeTaskRecord') return false;
      const payload = scheduled.input?.payloads?.[0]?.data;
      return payload ? JSON.parse(Buffer.from(payload).toString('utf8')).taskId === taskId : false;
    }).length;
    // Completions recorded with a local activity (patch completion-recorded-locally) leave a marker
    // with the activity's type but not its input: those between this Update's acceptance and its
    // answer are its own.
    let inUpdate = false;
    let localRecords = 0;
    for (const e of events) {
      if (e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === taskId)
        inUpdate = true;
      else if (e.workflowExecutionUpdateCompletedEventAttributes?.meta?.updateId === taskId) inUpdate = false;
      else if (inUpdate && localActivityType(e) === 'completeTaskRecord') localRecords++;
    }
    return { accepted, completed, recordActivities: scheduledRecords + localRecords };
  }

  /**
   * The task was completed once, by that person with that answer: one row completed, one
   * `task.completed` entry, one accepted and completed Update, one record activity (regular or local).
   */
  async expectCompletedOnce(taskId: string, byLocal: string, outcome: unknown): Promise<void> {
    const record = await eventually(
      `the completion of ${taskId} in the record`,
      async () => {
        const found = await this.recordOf(taskId);
        return found.task?.status === 'completed' ? found : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(record.task.completed_by).toBe(this.org.idOf(byLocal));
    expect(JSON.parse(record.task.outcome as string)).toEqual(outcome);
    expect(record.completedEvents).toBe(1);
    expect(await this.historyOf(taskId)).toEqual({ accepted: 1, completed: 1, recordActivities: 1 });
  }

  /** Rows of a table for this cycle, by a column's value (e.g. measurements of one period). */
  async count(table: 'decisions' | 'assignments' | 'measurements', where = 'TRUE', params: unknown[] = []) {
    const [{ count }] = await this.stack.sql<{ count: string }>(
      `SELECT count(*) FROM ${table} WHERE cycle_id = $1 AND ${where}`,
      [cycleId, ...params],
    );
    return Number(count);
  }

  /** The year's records after approval, assignment and Lan's Q1 report: each written once. */
  async expectStartOfYearRecordedOnce(): Promise<void> {
    expect(await this.count('decisions')).toBe(1);
    const [{ duplicates }] = await this.stack.sql<{ duplicates: string }>(
      `SELECT count(*) AS duplicates FROM (SELECT objective_id, level FROM assignments WHERE cycle_id = $1
         GROUP BY objective_id, level HAVING count(*) > 1) d`,
      [cycleId],
    );
    expect(Number(duplicates)).toBe(0);
    const [{ duplicated }] = await this.stack.sql<{ duplicated: string }>(
      `SELECT count(*) AS duplicated FROM (SELECT payload::json->>'taskId' AS task FROM event_log
         WHERE cycle_id = $1 AND type = 'task.opened' GROUP BY 1 HAVING count(*) > 1) d`,
      [cycleId],
    );
    expect(Number(duplicated)).toBe(0);
  }

  /** Lan's Q1 figures are in the record once. */
  async expectQ1MeasuredOnce(): Promise<void> {
    const rows = await eventually(
      'the Q1 measurement of objective 3',
      async () => {
        const found = await this.stack.sql<{ numerator: number; reported_by: string }>(
          'SELECT numerator, reported_by FROM measurements WHERE cycle_id = $1 AND objective_id = $2 AND period_key = $3',
          [cycleId, 'obj-3', `${year}-Q1`],
        );
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(rows).toEqual([{ numerator: 10, reported_by: this.org.idOf('staff.tthc') }]);
  }
}
