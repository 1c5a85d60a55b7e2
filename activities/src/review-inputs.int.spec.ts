import { ManagementReviewEntity, migrateUp, openDataSource } from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import { QualityRecordActivities } from './quality-records.activities';

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('management review inputs on %s', (kind) => {
  it("carry last year's review actions into this year's inputs (ISO 9.3.2 a)", async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      await migrateUp(dataSource);
      const actions = [
        {
          title: 'Số hóa hồ sơ ISO của Văn phòng',
          ownerUnitCode: 'vp-hanhchinh-tochuc',
          dueDate: '2024-06-30',
        },
      ];
      await dataSource.getRepository(ManagementReviewEntity).insert({
        id: 'quality-cycle/kontum/2023/review',
        cycleId: 'kontum-2023',
        inputs: {},
        outputs: { improvements: [] },
        actions,
        minutesRef: 'BB-01/2023',
        chairedBy: 'leader',
        heldAt: '2023-12-15T03:00:00.000Z',
        status: 'held',
      });
      const records = new QualityRecordActivities(dataSource);

      const inputs = await records.compileReviewInputs({ cycleId: 'kontum-2024' });
      expect(inputs.previousActions).toEqual({ status: 'carried-over', items: actions });

      const firstYear = await records.compileReviewInputs({ cycleId: 'daklak-2024' });
      expect(firstYear.previousActions).toEqual({ status: 'none', items: [] });
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
