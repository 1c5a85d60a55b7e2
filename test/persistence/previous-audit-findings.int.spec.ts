import type { DataSource } from 'typeorm';
import {
  AuditEntity,
  AuditStepEntity,
  CorrectiveActionEntity,
  EventLogEntryEntity,
  migrateUp,
  openDataSource,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { previousAuditFindings } from '../../apps/api/src/cycles/previous-audit-findings';

/**
 * What this year's audit is told of last year's (ISO 9001 9.2.2 a): last year's observations and
 * nonconformities in the plan's order, each nonconformity's corrective action as its record stands,
 * and whether last year's close carried it into this year (the `cycle.closed` event names those).
 * The audit step's task and the audit report both read it, on either database.
 */
const AUDIT = 'quality-cycle/kontum/2023/audit';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])("last year's audit findings, on %s", (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    dataSource = await openDataSource(database.config);
    await migrateUp(dataSource);
    await dataSource.getRepository(AuditEntity).insert({
      id: AUDIT,
      cycleId: 'kontum-2023',
      leadAuditorUserId: 'u-mai',
      // The plan's order, which the steps' ids do not sort into.
      plan: { scope: 'HTQLCL', steps: [{ id: 's9' }, { id: 's10' }, { id: 's2' }, { id: 's1' }] },
      status: 'closed',
      report: 'Hệ thống được duy trì.',
      closedAt: '2023-10-27T09:00:00.000Z',
    });
    const step = (id: string, unitCode: string, process: string, result: string, finding: string | null) => ({
      id: `${AUDIT}/step/${id}`,
      auditId: AUDIT,
      cycleId: 'kontum-2023',
      unitCode,
      process,
      clause: '8.5.1',
      auditorUserId: 'u-trang',
      result,
      evidence: null,
      notes: null,
      finding,
      signedOffAt: '2023-10-18T08:00:00.000Z',
    });
    await dataSource
      .getRepository(AuditStepEntity)
      .insert([
        step('s1', 'vp-tonghop', 'Theo dõi chương trình công tác', 'conformity', null),
        step('s2', 'vp-hanhchinh-tochuc', 'Kiểm soát văn bản', 'observation', 'Sổ chưa ghi hạn'),
        step('s9', 'vp-kiemsoat-tthc', 'Giải quyết hồ sơ', 'minor-nc', 'Hồ sơ không ghi ngày trả'),
        step('s10', 'vp-kiemsoat-tthc', 'Tiếp nhận hồ sơ', 'major-nc', 'Không có sổ theo dõi'),
      ]);
    const action = (stepId: string, status: string, effective: boolean | null) => ({
      id: `${AUDIT}/ca/${stepId}`,
      cycleId: 'kontum-2023',
      auditId: AUDIT,
      stepId: `${AUDIT}/step/${stepId}`,
      source: 'audit-finding',
      raisedBy: null,
      verifierUserId: null,
      objectiveId: null,
      periodKey: null,
      carriedFromId: null,
      severity: 'minor-nc',
      unitCode: 'vp-kiemsoat-tthc',
      finding: 'Hồ sơ không ghi ngày trả',
      correction: 'Bổ sung ngày',
      rootCause: 'Mẫu cũ',
      action: 'Sửa mẫu',
      ownerUserId: 'u-head',
      dueDate: '2023-12-29',
      status,
      rounds: 1,
      effective,
      verifiedBy: null,
      verifiedAt: null,
      openedAt: '2023-10-18T08:00:00.000Z',
    });
    await dataSource
      .getRepository(CorrectiveActionEntity)
      .insert([action('s9', 'planned', null), action('s10', 'closed', true)]);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const found = (cycleId: string, unitCode?: string) =>
    previousAuditFindings(dataSource.manager, cycleId, unitCode);
  const observation = {
    year: 2023,
    stepId: `${AUDIT}/step/s2`,
    unitCode: 'vp-hanhchinh-tochuc',
    process: 'Kiểm soát văn bản',
    clause: '8.5.1',
    result: 'observation',
    finding: 'Sổ chưa ghi hạn',
    correctiveAction: null,
  };
  const minor = (carriedForward: boolean) => ({
    year: 2023,
    stepId: `${AUDIT}/step/s9`,
    unitCode: 'vp-kiemsoat-tthc',
    process: 'Giải quyết hồ sơ',
    clause: '8.5.1',
    result: 'minor-nc',
    finding: 'Hồ sơ không ghi ngày trả',
    correctiveAction: { status: 'planned', effective: null, carriedForward },
  });
  const major = {
    year: 2023,
    stepId: `${AUDIT}/step/s10`,
    unitCode: 'vp-kiemsoat-tthc',
    process: 'Tiếp nhận hồ sơ',
    clause: '8.5.1',
    result: 'major-nc',
    finding: 'Không có sổ theo dõi',
    correctiveAction: { status: 'closed', effective: true, carriedForward: false },
  };

  it("gives last year's findings in its plan's order, with their corrective actions; not a conformity", async () => {
    // 2023 has not closed yet: nothing is carried.
    await expect(found('kontum-2024')).resolves.toEqual([minor(false), major, observation]);
    await expect(found('kontum-2024', 'vp-kiemsoat-tthc')).resolves.toEqual([minor(false), major]);
    await expect(found('kontum-2024', 'vp-tonghop')).resolves.toEqual([]);
    // No audit of 2024 on record, nor of another organisation's 2023.
    await expect(found('kontum-2025')).resolves.toEqual([]);
    await expect(found('gialai-2024')).resolves.toEqual([]);
  });

  it("says which action last year's close carried into this year, as its cycle.closed event names it", async () => {
    await dataSource.getRepository(EventLogEntryEntity).insert({
      id: 'quality-cycle/kontum/2023/closed',
      cycleId: 'kontum-2023',
      type: 'cycle.closed',
      actor: 'system',
      occurredAt: '2023-12-31T10:00:00.000Z',
      requestId: null,
      payload: { correctiveActionsCarriedForward: [`${AUDIT}/ca/s9`] },
    });
    await expect(found('kontum-2024')).resolves.toEqual([minor(true), major, observation]);
  });
});
