import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { uniqueSuffix } from '@qcycle/testing';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation } from './support/demo-organisation';
import { rehearsalInItsAudit } from './support/year-over-http';

/**
 * An internal audit finds a nonconformity in the general division; its head plans the correction,
 * then hands the division over to his deputy before the auditor verifies it. The action did not
 * work: its next round's plan is the deputy's, who holds the division's work now — the audit told
 * its running corrective action of the move, as the cycle told the audit.
 * Real API and worker, PostgreSQL, the Temporal dev server; people act over HTTP only.
 */
describe("an audit's corrective action after its unit's work was taken over (real API, worker, Temporal dev server, PostgreSQL)", () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `aw-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    await Promise.all(['admin', 'staff.tonghop'].map((local) => org.tokenOf(local)));
    await rehearsalInItsAudit(org);
  }, 180_000);

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year: 2024 }] });
  });

  const complete = (local: string, taskId: string, outcome: unknown) =>
    org.as(local, 'POST', taskPath(taskId, '/complete'), { outcome });

  it("asks the division's new holder for the next round's plan", async () => {
    const signedOff = await org.as(
      'auditor.kinhte',
      'POST',
      `/api/v1/cycles/${cycleId}/audit/steps/s1/sign-off`,
      {
        result: 'minor-nc',
        evidence: ['Sổ theo dõi nhiệm vụ trọng tâm 2024'],
        finding: 'Ba nhiệm vụ trọng tâm quá hạn không được báo cáo lãnh đạo.',
      },
    );
    expect(signedOff.status).toBe(200);
    const plan = await org.waitForTask('head.tonghop', 'corrective-action-plan');
    expect(
      (
        await complete('head.tonghop', plan.id, {
          correction: 'Báo cáo lãnh đạo ba nhiệm vụ quá hạn.',
          rootCause: 'Chưa có bước báo cáo nhiệm vụ quá hạn.',
          action: 'Bổ sung bước báo cáo hằng tuần.',
          ownerUserId: org.idOf('staff.tonghop'),
          dueDate: '2024-11-29',
        })
      ).status,
    ).toBe(200);

    // Before the auditor verifies, Nam hands the division over to his deputy.
    const deputyId = await org.joinAsHead(
      'deputy.tonghop',
      { fullName: 'Đinh Văn Ban', title: 'Phó Chánh Văn phòng' },
      'vp-tonghop',
    );
    const moved = await org.as<{ unitsTakenOver: string[] }>(
      'qmr',
      'POST',
      `/api/v1/cycles/${cycleId}/handovers`,
      {
        fromUserId: org.idOf('head.tonghop'),
        toUserId: deputyId,
        reason: 'Phó Chánh Văn phòng phụ trách Phòng Tổng hợp từ ngày 15/10/2024',
        unitCode: 'vp-tonghop',
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.unitsTakenOver).toEqual(['vp-tonghop']);

    const verify = await org.waitForTask('auditor.kinhte', 'corrective-action-verification');
    expect(
      (await complete('auditor.kinhte', verify.id, { effective: false, notes: 'Tuần này vẫn chưa báo cáo.' }))
        .status,
    ).toBe(200);
    const again = await org.waitForTask('deputy.tonghop', 'corrective-action-plan');
    expect(again).toMatchObject({ id: plan.id.replace(/\/plan\/1$/, '/plan/2'), assigneeUserId: deputyId });
    expect(
      (await org.inbox('head.tonghop', 'corrective-action-plan')).filter(
        (task) => task.assigneeUserId === org.idOf('head.tonghop'),
      ),
    ).toEqual([]);

    const cycleWorkflowId = qualityCycleWorkflowId(organisationCode, 2024);
    const auditWorkflowId = childWorkflowIds.audit(cycleWorkflowId);
    await recordHistories(suite.api.get(TemporalClientProvider).client, 'audit-action-follows-unit-work', [
      auditWorkflowId,
      childWorkflowIds.correctiveAction(auditWorkflowId, 's1'),
    ]);
  });
});
