import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CycleDraft } from '@qcycle/domain';
import { eventually } from '@qcycle/testing';
import { taskPath, type DemoOrganisation, type TaskSummary } from './demo-organisation';

/** The leader's approval as the suites give it. */
export const APPROVAL = { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' };

const completeAs = (org: DemoOrganisation) => (local: string, taskId: string, outcome: unknown) =>
  org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });

/** Who walks a rehearsal into its audit, signed in by the walk (`org.idOf` knows them after it). */
const AUDIT_WALKERS = ['leader', 'qmr', 'head.tthc', 'head.tonghop', 'lead.auditor', 'auditor.kinhte'];

/**
 * A rehearsal of 2024 from October walked over HTTP to its internal audit's plan: approved,
 * delegated and accepted by every unit. Answers the lead auditor's open `audit-plan` task. Signs in
 * those who walk it ({@link AUDIT_WALKERS}); a suite signs in anyone else it needs.
 */
export async function rehearsalAtItsAuditPlan(org: DemoOrganisation): Promise<TaskSummary> {
  const complete = completeAs(org);
  await Promise.all(AUDIT_WALKERS.map((local) => org.tokenOf(local)));
  const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
    organisationCode: org.code,
    year: 2024,
    rehearsal: true,
    rehearsalFrom: '2024-10-02',
  });
  expect(started.status).toBe(201);
  const approval = await org.waitForTask('leader', 'objectives-approval');
  expect((await complete('leader', approval.id, APPROVAL)).status).toBe(200);
  await org.assignAsProposed();
  for (const head of ['head.tthc', 'head.tonghop', 'qmr']) {
    const acceptance = await org.waitForTask(head, 'unit-acceptance');
    expect((await complete(head, acceptance.id, { accepted: true })).status).toBe(200);
  }
  return org.waitForTask('lead.auditor', 'audit-plan');
}

/**
 * A rehearsal of 2024 from October walked over HTTP into its internal audit: approved, delegated,
 * accepted by every unit, and the lead auditor's plan giving Huy (`auditor.kinhte`, economics
 * division) three steps in three other units: s1 in vp-tonghop, s2 in vp-kiemsoat-tthc, s3 in
 * vp-hanhchinh-tochuc. Answers those three tasks.
 */
export async function rehearsalInItsAudit(org: DemoOrganisation): Promise<TaskSummary[]> {
  const complete = completeAs(org);
  const plan = await rehearsalAtItsAuditPlan(org);
  const step = (id: string, unitCode: string, process: string, clause: string) => ({
    id,
    unitCode,
    process,
    clause,
    auditorUserId: org.idOf('auditor.kinhte'),
  });
  const planned = await complete('lead.auditor', plan.id, {
    scope: 'Hệ thống quản lý chất lượng của Văn phòng UBND tỉnh',
    criteria: ['TCVN ISO 9001:2015', 'Quy trình nội bộ'],
    methods: 'Phỏng vấn, xem xét hồ sơ, quan sát',
    from: '2024-10-07',
    to: '2024-10-18',
    steps: [
      step('s1', 'vp-tonghop', 'Theo dõi nhiệm vụ trọng tâm', '9.1.1'),
      step('s2', 'vp-kiemsoat-tthc', 'Kiểm soát thủ tục hành chính', '8.5.1'),
      step('s3', 'vp-hanhchinh-tochuc', 'Kiểm soát thông tin dạng văn bản', '7.5.3'),
    ],
  });
  expect(planned.status).toBe(200);
  return eventually('the three audit steps', async () => {
    const mine = await org.inbox('auditor.kinhte', 'audit-step');
    return mine.length === 3 ? mine : undefined;
  });
}

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
   * The Quality Representative starts a 2024 rehearsal from the Kon Tum template, or from their own
   * `draft`; from `rehearsalFrom` (e.g. `2024-06-03`, a province adopting qcycle in June) when given.
   */
  async start(organisationCode: string, rehearsalFrom?: string, draft?: CycleDraft): Promise<void> {
    const started = await this.org.as('qmr', 'POST', '/api/v1/cycles', {
      organisationCode,
      year: 2024,
      ...(draft ? { draft } : { templateId: 'kontum-2024' }),
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
  assignAsProposed(): Promise<{ objectiveId: string; unitCode: string }[]> {
    return this.org.assignAsProposed();
  }

  /**
   * Each unit accepts, its head delegating the objectives named to their staff to report: e.g.
   * `{ 'head.tthc': { 'obj-3': 'staff.tthc' } }` (each staff member signed in already).
   */
  acceptUnitsWithReporters(
    reporters: Partial<Record<'head.tthc' | 'head.tonghop', Record<string, string>>>,
  ): Promise<void> {
    return this.acceptUnits(
      Object.fromEntries(
        Object.entries(reporters).map(([head, byObjective]) => [
          head,
          {
            accepted: true,
            staffDelegations: Object.entries(byObjective ?? {}).map(([objectiveId, staff]) => ({
              objectiveId,
              userId: this.org.idOf(staff),
            })),
          },
        ]),
      ),
    );
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
