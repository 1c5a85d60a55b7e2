import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { taskPath, type DemoOrganisation, type TaskSummary } from './demo-organisation';

/** The leader's approval as the suites give it. */
export const APPROVAL = { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' };

/**
 * A year walked over HTTP by its people, on the time-skipping server: a rehearsal of 2024 started
 * by the Quality Representative, approved by the leader, delegated by the Chief of Office as the
 * form proposes, accepted by each unit. Waiting for what follows an answer is a short real wait;
 * waiting for the calendar lets days pass on the server.
 */
export class YearOverHttp {
  constructor(
    readonly org: DemoOrganisation,
    private readonly env: TestWorkflowEnvironment,
  ) {}

  /** What `probe` finds: 100 tries a tenth of a second apart, then (given `days`) a day at a time. */
  async eventually<T>(what: string, probe: () => Promise<T | undefined>, days = 0): Promise<T> {
    for (let attempt = 0; attempt < 100 + days; attempt++) {
      const found = await probe();
      if (found !== undefined) return found;
      if (attempt < 100 && days === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      else await this.env.sleep('1 day');
    }
    throw new Error(`${what} did not happen`);
  }

  /** A person's first open task of a kind (that `filter` accepts), letting up to `days` pass. */
  taskOf(
    local: string,
    kind: string,
    days = 0,
    filter: (task: TaskSummary) => boolean = () => true,
  ): Promise<TaskSummary> {
    return this.eventually(
      `a ${kind} task for ${local}`,
      async () => (await this.org.inbox(local, kind)).find(filter),
      days,
    );
  }

  complete<T = Record<string, unknown>>(local: string, taskId: string, outcome: unknown) {
    return this.org.as<T>(local, 'POST', taskPath(taskId, '/complete'), { outcome });
  }

  /**
   * The Quality Representative starts a 2024 rehearsal from the Kon Tum template; from
   * `rehearsalFrom` (e.g. `2024-06-03`, a province adopting qcycle in June) when given.
   */
  async start(organisationCode: string, rehearsalFrom?: string): Promise<void> {
    const started = await this.org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      templateId: 'kontum-2024',
      rehearsal: true,
      ...(rehearsalFrom ? { rehearsalFrom } : {}),
    });
    expect(started.status).toBe(201);
  }

  async approve(outcome: unknown = APPROVAL): Promise<void> {
    const approval = await this.taskOf('leader', 'objectives-approval');
    expect((await this.complete('leader', approval.id, outcome)).status).toBe(200);
  }

  /** The Chief of Office delegates each objective to the unit the form proposes; the delegations. */
  async assignAsProposed(): Promise<{ objectiveId: string; unitCode: string }[]> {
    const assignment = await this.taskOf('qmr', 'assignment-acceptance');
    const detail = await this.org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(assignment.id),
    );
    const delegations = detail.body.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    expect((await this.complete('qmr', assignment.id, { accepted: true, delegations })).status).toBe(200);
    return delegations;
  }

  /** Each unit head accepts (the service centre's head is the Quality Representative); `answers` vary one. */
  async acceptUnits(answers: Partial<Record<'head.tthc' | 'head.tonghop' | 'qmr', unknown>> = {}) {
    for (const head of ['head.tthc', 'head.tonghop', 'qmr'] as const) {
      const acceptance = await this.taskOf(head, 'unit-acceptance');
      expect((await this.complete(head, acceptance.id, answers[head] ?? { accepted: true })).status).toBe(
        200,
      );
    }
  }
}
