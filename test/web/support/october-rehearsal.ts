import { taskPath, type DemoOrganisation, type TaskSummary } from '../../api/support/demo-organisation';
import { APPROVAL } from '../../api/support/year-over-http';

/** A person's task answered; the answer must be accepted. */
export async function completeTask(
  org: DemoOrganisation,
  local: string,
  taskId: string,
  outcome: unknown,
): Promise<void> {
  expect((await org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome })).status).toBe(200);
}

/** A person's open task of a kind that `filter` accepts, once the workflow has given it. */
export async function openTaskOf(
  org: DemoOrganisation,
  local: string,
  kind: string,
  filter: (task: TaskSummary) => boolean = () => true,
): Promise<TaskSummary> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const found = (await org.inbox(local, kind)).find(filter);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} task reached ${local}`);
}

/**
 * The pages' year for the browser suites that read them whole: a 2024 rehearsal from October, on the
 * Temporal dev server, started by the Quality Representative, approved, delegated as the form
 * proposes, accepted by each unit, and the service centre's (objective 4's) first three months
 * reported, so there is a chart to draw; the later months are left overdue. Answers the leader's
 * approval task and January's report.
 */
export async function octoberRehearsalReported(
  org: DemoOrganisation,
  organisationCode: string,
): Promise<{ approval: TaskSummary; january: TaskSummary }> {
  const complete = (local: string, taskId: string, outcome: unknown) =>
    completeTask(org, local, taskId, outcome);
  const taskOf = (local: string, kind: string, filter?: (task: TaskSummary) => boolean) =>
    openTaskOf(org, local, kind, filter);
  const started = await org.as('qmr', 'POST', '/api/v1/cycles', {
    organisationCode,
    year: 2024,
    templateId: 'kontum-2024',
    rehearsal: true,
    rehearsalFrom: '2024-10-02',
  });
  expect(started.status).toBe(201);
  const approval = await taskOf('leader', 'objectives-approval');
  await complete('leader', approval.id, APPROVAL);
  const assignment = await taskOf('qmr', 'assignment-acceptance');
  const form = await org.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
    'qmr',
    'GET',
    taskPath(assignment.id),
  );
  await complete('qmr', assignment.id, {
    accepted: true,
    delegations: form.body.form.objectives.map((o) => ({ objectiveId: o.id, unitCode: o.proposedUnitCode })),
  });
  for (const head of ['head.tthc', 'head.tonghop', 'qmr'])
    await complete(head, (await taskOf(head, 'unit-acceptance')).id, { accepted: true });
  let january: TaskSummary | undefined;
  for (const [month, onTime] of [
    ['01', 88],
    ['02', 92],
    ['03', 97],
  ] as const) {
    const report = await taskOf(
      'qmr',
      'measurement-report',
      (t) => t.objectiveId === 'obj-4' && t.periodKey === `2024-${month}`,
    );
    january ??= report;
    await complete('qmr', report.id, {
      figures: [
        { indicatorId: 'obj-4-per-process', numerator: 100, denominator: 100 },
        { indicatorId: 'obj-4-on-time', numerator: onTime, denominator: 100 },
      ],
      evidence: [`Sổ theo dõi hồ sơ TTHC tháng ${month}/2024`],
    });
  }
  return { approval, january: january! };
}
