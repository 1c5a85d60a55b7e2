import { eventually, uniqueSuffix, type TestDatabaseKind } from '@qcycle/testing';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { recordHistories } from '../workflows/support/cycle-driver';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';

interface UnitAnswer {
  heads: { userId: string; fullName: string; takesWork: boolean }[];
  workHeadUserId: string | null;
  updatedAt: string;
  code?: string;
  details?: { fields?: Record<string, string[]> };
}

/**
 * A unit led by two people — its head and a deputy of the office in charge of it — gives its work to
 * the first by name unless the administrator says which of them takes it (docs/api.md "Units"). The
 * chief of the general division, Võ Đình Nam, comes after his deputy Đinh Văn Ban by name: the
 * administrator chooses him, the next year's acceptance of the division's objectives goes to him, and
 * whom they cannot choose is refused by the field, nothing changed.
 * Real API and worker, the Temporal dev server.
 */
describe.each<TestDatabaseKind>(['postgres', 'sqlite'])(
  "which of a unit's heads takes its work (real API, worker, %s)",
  (kind) => {
    let suite: ApiSuite;
    let org: DemoOrganisation;
    const organisationCode = `uw-${uniqueSuffix()}`;
    const unitPath = '/api/v1/units/vp-tonghop';
    let deputy: string;

    beforeAll(async () => {
      suite = await startApiSuite({ database: kind, worker: true });
      org = await suite.seedDemoOrganisation(organisationCode);
      await Promise.all(
        ['admin', 'leader', 'qmr', 'head.tthc', 'head.tonghop', 'staff.tonghop'].map((local) =>
          org.tokenOf(local),
        ),
      );
      deputy = await org.join('deputy.tonghop', {
        fullName: 'Đinh Văn Ban',
        title: 'Phó Chánh Văn phòng',
        unitCode: 'vp-tonghop',
        roles: [{ role: 'unit-head', unitCode: 'vp-tonghop' }],
      });
      // Nam leads the public-service centre too, whose work is his alone.
      const granted = await org.as('admin', 'POST', `/api/v1/users/${org.idOf('head.tonghop')}/roles`, {
        role: 'unit-head',
        unitCode: 'vp-ttpvhcc',
      });
      expect(granted.status).toBe(201);
    });

    afterAll(async () => {
      await suite?.close();
    });

    const unit = async () => (await org.as<UnitAnswer>('admin', 'GET', unitPath)).body;
    const choose = (workHeadUserId: unknown, local = 'admin') =>
      org.as<UnitAnswer>(local, 'PATCH', unitPath, { workHeadUserId });

    it('gives the work to the first by name until the administrator chooses, and then to the one chosen', async () => {
      const before = await unit();
      expect(before.heads).toEqual([
        { userId: deputy, fullName: 'Đinh Văn Ban', takesWork: true },
        { userId: org.idOf('head.tonghop'), fullName: 'Võ Đình Nam', takesWork: false },
      ]);
      expect(before.workHeadUserId).toBeNull();

      const chosen = await choose(org.idOf('head.tonghop'));
      expect(chosen.status).toBe(200);
      expect(chosen.body.workHeadUserId).toBe(org.idOf('head.tonghop'));
      expect(chosen.body.heads.map((head) => [head.fullName, head.takesWork])).toEqual([
        ['Đinh Văn Ban', false],
        ['Võ Đình Nam', true],
      ]);
      // The list says the same, and the directory's log records who chose whom.
      const listed = await org.as<{ items: (UnitAnswer & { code: string })[] }>(
        'head.tonghop',
        'GET',
        '/api/v1/units?limit=100',
      );
      expect(listed.body.items.find((u) => u.code === 'vp-tonghop')?.workHeadUserId).toBe(
        org.idOf('head.tonghop'),
      );
      const log = await org.as<{
        items: { type: string; actor: string; payload: Record<string, unknown> }[];
      }>('admin', 'GET', '/api/v1/directory/events?limit=1');
      expect(log.body.items[0]).toMatchObject({
        type: 'unit.changed',
        actor: org.idOf('admin'),
        payload: { code: 'vp-tonghop', workHeadUserId: org.idOf('head.tonghop') },
      });
    });

    it('refuses someone who does not lead the unit, by the field, and only an administrator may choose; nothing changes', async () => {
      const before = await unit();
      const notAHead = await choose(org.idOf('staff.tonghop'));
      expect(notAHead.status).toBe(422);
      expect(notAHead.body.details?.fields).toEqual({
        workHeadUserId: [expect.stringContaining('is not a head of vp-tonghop')],
      });
      const nobody = await choose('0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b');
      expect(nobody.status).toBe(422);
      expect(nobody.body.details?.fields).toEqual({
        workHeadUserId: ['no user 0b8f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b in your organisation'],
      });
      const malformed = await choose(42);
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.details?.fields ?? {})).toEqual(['workHeadUserId']);
      expect((await choose(deputy, 'head.tonghop')).status).toBe(403);
      expect(await unit()).toEqual(before);
    });

    it("gives the year's acceptance of the division's objectives to the head chosen", async () => {
      await org.startApprovedRehearsal({ documentNumber: '45/QĐ-UBND', signingDate: '2024-01-08' });
      await org.assignAsProposed();
      const acceptance = await org.waitForTask('head.tonghop', 'unit-acceptance');
      expect(acceptance.assigneeUserId).toBe(org.idOf('head.tonghop'));
      expect(await org.inbox('deputy.tonghop', 'unit-acceptance')).toEqual([]);
    });

    it("moves the division's open work to the other head mid-year, that unit's tasks alone", async () => {
      // Those they hold (the one who hands a task over stays its delegate, and still sees it).
      const acceptances = async (local: string) =>
        (await org.inbox(local, 'unit-acceptance'))
          .filter((task) => task.assigneeUserId === org.idOf(local))
          .map((task) => task.unitCode)
          .sort();
      await org.waitForTask('head.tonghop', 'unit-acceptance');
      for (let attempt = 0; (await acceptances('head.tonghop')).length < 2 && attempt < 100; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await acceptances('head.tonghop')).toEqual(['vp-tonghop', 'vp-ttpvhcc']);
      // From February the deputy takes the division's work: the administrator chooses him, and the
      // Quality Representative hands him what Nam holds of it — not the centre's.
      expect((await choose(deputy)).status).toBe(200);
      const handoversPath = `/api/v1/cycles/${organisationCode}-2024/handovers`;
      const body = {
        fromUserId: org.idOf('head.tonghop'),
        toUserId: deputy,
        reason: 'Phó Chánh Văn phòng phụ trách Phòng Tổng hợp từ tháng 2',
      };
      // Refused whole first, nothing handed over: a unit the organisation does not have, a malformed
      // code, a unit the head asking does not lead.
      const unknown = await org.as<{ details: { fields: Record<string, string[]> } }>(
        'qmr',
        'POST',
        handoversPath,
        { ...body, unitCode: 'vp-khong-co' },
      );
      expect([unknown.status, Object.keys(unknown.body.details.fields)]).toEqual([422, ['unitCode']]);
      const malformed = await org.as<{ details: { fields: Record<string, string[]> } }>(
        'qmr',
        'POST',
        handoversPath,
        { ...body, unitCode: 'Phòng Tổng hợp' },
      );
      expect([malformed.status, Object.keys(malformed.body.details.fields)]).toEqual([400, ['unitCode']]);
      expect(
        (await org.as('head.tonghop', 'POST', handoversPath, { ...body, unitCode: 'vp-kiemsoat-tthc' }))
          .status,
      ).toBe(403);
      expect(await acceptances('deputy.tonghop')).toEqual([]);

      const moved = await org.as<{
        unitCode: string | null;
        handedOver: { taskId: string; assigneeUserId: string }[];
        refused: unknown[];
        unitsTakenOver: string[];
      }>('qmr', 'POST', handoversPath, { ...body, unitCode: 'vp-tonghop' });
      expect(moved.status).toBe(200);
      expect(moved.body.unitCode).toBe('vp-tonghop');
      expect(moved.body.handedOver.map((task) => task.assigneeUserId)).toEqual([deputy]);
      expect(moved.body.refused).toEqual([]);
      // Nam held the division's work this year: what it opens later goes to his deputy too.
      expect(moved.body.unitsTakenOver).toEqual(['vp-tonghop']);
      expect(await acceptances('deputy.tonghop')).toEqual(['vp-tonghop']);
      expect(await acceptances('head.tonghop')).toEqual(['vp-ttpvhcc']);

      // Each unit accepts without delegating to staff: the division's objective is the deputy's to report.
      for (const [local, unitCode] of [
        ['deputy.tonghop', 'vp-tonghop'],
        ['head.tonghop', 'vp-ttpvhcc'],
        ['head.tthc', 'vp-kiemsoat-tthc'],
      ]) {
        const task = (await org.inbox(local, 'unit-acceptance')).find((t) => t.unitCode === unitCode)!;
        const accepted = await org.as(
          local,
          'POST',
          `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`,
          {
            outcome: { accepted: true },
          },
        );
        expect(accepted.status).toBe(200);
      }
      const owners = await eventually('the objectives’ reporters', async () => {
        const { body } = await org.as<{
          live: { phase?: string; objectives?: { objectiveId: string; ownerUserId?: string }[] };
        }>('qmr', 'GET', `/api/v1/cycles/${organisationCode}-2024`);
        return body.live.phase === 'monitoring'
          ? Object.fromEntries((body.live.objectives ?? []).map((o) => [o.objectiveId, o.ownerUserId]))
          : undefined;
      });
      expect(owners).toMatchObject({ 'obj-2': deputy, 'obj-4': org.idOf('head.tonghop') });

      if (kind === 'postgres') {
        const cycleWorkflowId = qualityCycleWorkflowId(organisationCode, 2024);
        await recordHistories(suite.api.get(TemporalClientProvider).client, 'acceptance-follows-unit-work', [
          cycleWorkflowId,
          childWorkflowIds.assignment(cycleWorkflowId),
        ]);
      }
    });

    it('goes back to the first by name when the choice is taken back, and a deactivated head cannot be chosen', async () => {
      const back = await choose(null);
      expect(back.status).toBe(200);
      expect(back.body.workHeadUserId).toBeNull();
      expect(back.body.heads.find((head) => head.takesWork)?.fullName).toBe('Đinh Văn Ban');

      expect((await org.as('admin', 'PATCH', `/api/v1/users/${deputy}`, { active: false })).status).toBe(200);
      const left = await unit();
      expect(left.heads).toEqual([
        { userId: org.idOf('head.tonghop'), fullName: 'Võ Đình Nam', takesWork: true },
      ]);
      const deactivated = await choose(deputy);
      expect(deactivated.status).toBe(422);
      expect(deactivated.body.details?.fields).toEqual({
        workHeadUserId: ['Đinh Văn Ban is deactivated'],
      });
    });
  },
);
