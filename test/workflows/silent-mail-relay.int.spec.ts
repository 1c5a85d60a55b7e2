import type { Client } from '@temporalio/client';
import { QUALITY_CYCLE_WORKFLOW } from '@qcycle/contracts';
import {
  NotificationEntity,
  OrganisationEntity,
  RoleAssignmentEntity,
  UserEntity,
  WHOLE_ORGANISATION_SCOPE,
} from '@qcycle/persistence';
import { eventually, startHungSmtpRelay, uniqueSuffix } from '@qcycle/testing';
import { startDevServerSuite, type DevServerSuite } from './support/dev-server-suite';
import { APPROVE, kontumCycle, pastYearOpenCalendar } from './support/cycle-fixtures';

/**
 * Behind a relay that never greets each attempt of a notice waits out its greeting timeout (15 s),
 * and its five attempts with their backoff take well over a minute and a half.
 */
describe('a mail relay that never answers, on the Temporal dev server', () => {
  let relay: Awaited<ReturnType<typeof startHungSmtpRelay>>;
  let suite: DevServerSuite;
  let client: Client;

  beforeAll(async () => {
    relay = await startHungSmtpRelay();
    suite = await startDevServerSuite((config) => ({
      ...config,
      mail: { ...config.mail, smtpUrl: relay.url },
    }));
    ({ client } = suite);
  });

  afterAll(async () => {
    // The relay's sockets first: an attempt waiting for its greeting then fails at once, and the
    // worker stops without waiting for it.
    await relay?.cut();
    await suite?.close();
  });

  it("opens the next step at once while the finished task's notice is still being tried, and ends the workflow only after it", async () => {
    const org = `relay-${uniqueSuffix()}`;
    const { input, ids, user } = kontumCycle(org, { calendar: pastYearOpenCalendar() });
    // Only the leader has an e-mail address: the other notices are recorded, not mailed.
    input.roster = { ...input.roster, leader: { ...input.roster.leader, email: 'lanhdao@kontum.gov.vn' } };
    // And the office's văn thư, whom the directory alone knows: asked for the decision's scan.
    const now = new Date().toISOString();
    const clerk = `vanthu-${org}`;
    await suite.dataSource.getRepository(OrganisationEntity).insert({
      code: org,
      nameVi: 'UBND tỉnh Kon Tum',
      nameEn: 'Kon Tum Province',
      createdAt: now,
      updatedAt: now,
    });
    await suite.dataSource.getRepository(UserEntity).insert({
      id: clerk,
      organisationCode: org,
      unitCode: null,
      fullName: 'Lê Thị Thu',
      title: null,
      email: 'vanthu@kontum.gov.vn',
      passwordHash: null,
      oidcSubject: null,
      locale: 'vi',
      active: true,
      sessionsValidFrom: null,
      createdAt: now,
      updatedAt: now,
      searchText: 'le thi thu',
    });
    await suite.dataSource.getRepository(RoleAssignmentEntity).insert({
      id: `ra-${clerk}`,
      userId: clerk,
      organisationCode: org,
      role: 'clerk',
      scope: WHOLE_ORGANISATION_SCOPE,
      createdAt: now,
    });
    const handle = await client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: suite.config.temporal.taskQueue,
      workflowId: ids.workflowId,
      args: [input],
    });
    try {
      const approveTask = `${ids.approval}/approve/1`;
      await suite.driver.complete(approveTask, user.leader, {
        decision: 'return',
        comments: 'Bổ sung kế hoạch thực hiện mục tiêu 3.',
      });

      // The Quality Representative's revision opens without waiting for the leader's notice, which
      // is still being tried against the relay: its activity pending, its mail not sent.
      await suite.driver.task(`${ids.approval}/revise/1`);
      const { raw } = await client.workflow.getHandle(ids.approval).describe();
      expect((raw.pendingActivities ?? []).map((a) => a.activityType?.name)).toContain(
        'sendTaskNotification',
      );
      // On a busy machine the notice's first attempt may not have reached the relay yet.
      await relay.connected;
      expect(
        await suite.dataSource.getRepository(NotificationEntity).findOneBy({ id: `${approveTask}/assigned` }),
      ).toMatchObject({ recipientUserId: user.leader, delivery: 'pending' });

      // The approval's code ends with the second round, while the leader's notices are still being
      // tried: the workflow does not end before them (an activity still out when its workflow ends
      // is dropped). Once it has handled the decision's record it is still running, waiting.
      await suite.driver.complete(`${ids.approval}/revise/1`, user.qr, { note: 'Đã bổ sung kế hoạch.' });
      await suite.driver.complete(`${ids.approval}/approve/2`, user.leader, APPROVE);
      const approval = client.workflow.getHandle(ids.approval);
      await eventually('the approval handles its decision record', async () => {
        const events = (await approval.fetchHistory()).events ?? [];
        const scheduled = events.find(
          (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'recordDecision',
        );
        const recorded = events.findIndex(
          (event) =>
            scheduled !== undefined &&
            String(event.activityTaskCompletedEventAttributes?.scheduledEventId) ===
              String(scheduled.eventId),
        );
        const handled =
          recorded >= 0 && events.slice(recorded).some((e) => e.workflowTaskCompletedEventAttributes);
        return handled || undefined;
      });
      const after = await approval.describe();
      expect(after.status.name).toBe('RUNNING');
      const pending = (after.raw.pendingActivities ?? []).map((a) => a.activityType?.name);
      expect(pending).toContain('sendTaskNotification');
      // The decision was approved without its scan: the văn thư's notice is written and being tried
      // as well, the workflow still running.
      expect(pending).toContain('askClerksForScan');
      // Written before its first attempt at the relay, which the activity may not have reached yet.
      const asked = await eventually(
        'the văn thư’s notice written',
        async () =>
          (await suite.dataSource
            .getRepository(NotificationEntity)
            .findOneBy({ id: `${ids.approval}/paper-to-scan/${clerk}` })) ?? undefined,
      );
      expect(asked).toMatchObject({ reason: 'paper-to-scan', delivery: 'pending' });
    } finally {
      await handle.terminate('test over');
    }
  });
});
