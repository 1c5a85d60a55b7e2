import { containsPattern } from '@qcycle/domain';
import {
  migrateDownAll,
  migrateUp,
  MIGRATIONS,
  openDataSource,
  pendingMigrations,
} from '@qcycle/persistence';
import { createTestDatabase, type TestDatabaseKind } from '@qcycle/testing';
import type { DataSource } from 'typeorm';

/** Migrated up, then back to before `name` (and whatever came after it): the migrations then pending. */
async function revertedToBefore(dataSource: DataSource, name: string): Promise<string[]> {
  await migrateUp(dataSource);
  while (!(await pendingMigrations(dataSource)).includes(name))
    await dataSource.undoLastMigration({ transaction: 'each' });
  return pendingMigrations(dataSource);
}

/** How many rows of `table` the directory's search finds for `query`, as the API asks. */
async function searchFinds(dataSource: DataSource, table: string, query: string): Promise<number> {
  const found = await dataSource
    .createQueryBuilder()
    .select('COUNT(*)', 'n')
    .from(table, 't')
    .where("t.search_text LIKE :like ESCAPE '\\'", { like: containsPattern(query) })
    .getRawOne<{ n: number | string }>();
  return Number(found?.n);
}

describe.each<TestDatabaseKind>(['sqlite', 'postgres'])('migrations on %s', (kind) => {
  it('apply every migration, create the tables, and revert to an empty schema', async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      const applied = await migrateUp(dataSource);
      expect(applied).toEqual(MIGRATIONS.map((m) => m.name));
      expect(await migrateUp(dataSource)).toEqual([]);

      const tables = async () =>
        (
          await dataSource.createQueryRunner().getTables(['quality_cycles', 'event_log', 'rate_limit_hits'])
        ).map((t) => t.name.split('.').pop());
      expect((await tables()).sort()).toEqual(['event_log', 'quality_cycles', 'rate_limit_hits']);
      const notifications = await dataSource.createQueryRunner().getTable('notifications');
      expect(notifications?.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'recipient_name',
          'attempts',
          'last_attempt_at',
          'last_error',
          'claimed_until',
          'read_at',
        ]),
      );
      expect(notifications?.indices.map((i) => i.name)).toEqual(
        expect.arrayContaining(['IDX_notifications_delivery_created', 'IDX_notifications_recipient_read']),
      );
      const documents = await dataSource.createQueryRunner().getTable('document_versions');
      expect(documents?.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'cycle_id',
          'type',
          'version',
          'content_sha256',
          'pdf_sha256',
          'docx_sha256',
          'pdf',
          'docx',
          'request_id',
        ]),
      );
      expect(documents?.indices.map((i) => i.name)).toEqual(
        expect.arrayContaining(['IDX_document_versions_version', 'IDX_document_versions_content']),
      );
      const evidence = await dataSource.createQueryRunner().getTable('evidence_files');
      expect(evidence?.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining([
          'cycle_id',
          'record_type',
          'record_key',
          'sha256',
          'size',
          'content_type',
          'after_answer',
          'withdrawn_at',
          'withdrawn_by',
          'withdrawn_reason',
        ]),
      );
      expect(evidence?.indices.map((i) => i.name)).toEqual(
        expect.arrayContaining(['IDX_evidence_files_record', 'IDX_evidence_files_sha256']),
      );
      const calendars = await dataSource.createQueryRunner().getTable('organisation_calendars');
      expect(calendars?.primaryColumns.map((c) => c.name).sort()).toEqual([
        'organisation_code',
        'version',
        'year',
      ]);
      expect(calendars?.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining(['settings', 'reason', 'saved_by', 'saved_at', 'request_id']),
      );
      const usersRunner = dataSource.createQueryRunner();
      const users = await usersRunner.getTable('users').finally(() => usersRunner.release());
      expect(users?.findColumnByName('sessions_valid_from')).toMatchObject({
        length: '24',
        isNullable: true,
      });

      // Released: every unreleased query runner keeps one of the pool's 10 PostgreSQL connections.
      const runner = dataSource.createQueryRunner();
      const tasks = await runner.getTable('tasks').finally(() => runner.release());
      expect(tasks?.indices.map((i) => i.name)).toEqual(
        expect.arrayContaining(['IDX_tasks_delegate_single', 'IDX_tasks_delegates_many']),
      );

      expect(await migrateDownAll(dataSource)).toBe(MIGRATIONS.length);
      expect(await tables()).toEqual([]);
      expect(await dataSource.createQueryRunner().hasTable('document_versions')).toBe(false);
      expect(await dataSource.createQueryRunner().hasTable('evidence_files')).toBe(false);
      expect(await dataSource.createQueryRunner().hasTable('organisation_calendars')).toBe(false);

      // Up again after down: the down migrations left nothing behind that blocks a re-run.
      expect(await migrateUp(dataSource)).toHaveLength(MIGRATIONS.length);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it("fills in the directory's search text of the people and units written before it", async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      // Back to before the search text (and whatever came after it), whatever was added since.
      const reverted = await revertedToBefore(dataSource, 'DirectorySearchText1796060000000');
      const at = '2026-01-05T01:00:00.000Z';
      await dataSource.query(
        `INSERT INTO organisations (code, name_vi, name_en, created_at, updated_at) VALUES ('kt', 'Kon Tum', 'Kon Tum', '${at}', '${at}')`,
      );
      await dataSource.query(
        `INSERT INTO organisation_units (organisation_code, code, name_vi, name_en, parent_code, created_at, updated_at)
         VALUES ('kt', 'vp-ubnd', 'Ủy ban nhân dân tỉnh', 'People''s Committee', NULL, '${at}', '${at}')`,
      );
      // Typed decomposed (Unikey's "tổ hợp"), as an older row may be.
      await dataSource.query(
        `INSERT INTO users (id, organisation_code, unit_code, full_name, title, email, password_hash, oidc_subject, locale, active, created_at, updated_at)
         VALUES ('u1', 'kt', 'vp-ubnd', $name, NULL, 'do.an@kontum.gov.vn', NULL, NULL, 'vi', ${kind === 'postgres' ? 'true' : '1'}, '${at}', '${at}')`.replace(
          '$name',
          `'${'Đỗ Văn An'.normalize('NFD')}'`,
        ),
      );
      // A role of that person (and so a foreign key to the rebuilt users table, ON DELETE CASCADE).
      await dataSource.query(
        `INSERT INTO role_assignments (id, user_id, organisation_code, role, scope, created_at) VALUES ('r1', 'u1', 'kt', 'admin', '*', '${at}')`,
      );
      expect(await migrateUp(dataSource)).toEqual(reverted);
      // Adding the column kept every role: nobody lost their rights in the upgrade.
      expect(await dataSource.query('SELECT id, role FROM role_assignments')).toEqual([
        { id: 'r1', role: 'admin' },
      ]);

      for (const query of ['Đỗ', 'đỗ văn', 'do van an', 'DO.AN@'])
        expect({ query, found: await searchFinds(dataSource, 'users', query) }).toEqual({ query, found: 1 });
      for (const query of ['Ủy ban', 'UY BAN', "people's"])
        expect({ query, found: await searchFinds(dataSource, 'organisation_units', query) }).toEqual({
          query,
          found: 1,
        });
      expect(await searchFinds(dataSource, 'users', '%')).toBe(0);

      // Reverted (a rollback), the column goes and the roles stay.
      while (!(await pendingMigrations(dataSource)).includes('DirectorySearchText1796060000000'))
        await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await dataSource.query('SELECT id, role FROM role_assignments')).toEqual([
        { id: 'r1', role: 'admin' },
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('orders the people written before it by name as Vietnamese sorts names', async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      const reverted = await revertedToBefore(dataSource, 'UserNameSortKey1796240000000');
      const at = '2026-01-05T01:00:00.000Z';
      await dataSource.query(
        `INSERT INTO organisations (code, name_vi, name_en, created_at, updated_at) VALUES ('kt', 'Kon Tum', 'Kon Tum', '${at}', '${at}')`,
      );
      const names = [
        'Võ Đình Nam',
        'Đinh Văn Ban',
        'Dương Thị Hà',
        'Ưng Văn Hòa',
        'Uông Thị Hoà',
        'Bùi Quang Huy',
      ];
      for (const [index, name] of names.entries())
        await dataSource.query(
          `INSERT INTO users (id, organisation_code, unit_code, full_name, title, email, password_hash, oidc_subject, locale, active, created_at, updated_at)
           VALUES ('u${index}', 'kt', NULL, '${name}', NULL, 'u${index}@kontum.gov.vn', NULL, NULL, 'vi', ${kind === 'postgres' ? 'true' : '1'}, '${at}', '${at}')`,
        );
      expect(await migrateUp(dataSource)).toEqual(reverted);
      const ordered: { full_name: string }[] = await dataSource.query(
        'SELECT full_name FROM users ORDER BY name_sort_key, id',
      );
      expect(ordered.map((row) => row.full_name)).toEqual([
        'Bùi Quang Huy',
        'Dương Thị Hà',
        'Đinh Văn Ban',
        'Uông Thị Hoà',
        'Ưng Văn Hòa',
        'Võ Đình Nam',
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('finds the people and units whose names were typed with Ð by Đ and by d', async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      const reverted = await revertedToBefore(dataSource, 'DirectorySearchEth1796250000000');
      const at = '2026-01-05T01:00:00.000Z';
      // The search text as the search before it wrote it: Ð in lower case, ð, no letter of its own.
      const before = (...parts: string[]) => {
        const text = parts.join(' ').normalize('NFC').toLowerCase();
        return `${text}\n${text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/đ/g, 'd')}`;
      };
      await dataSource.query(
        `INSERT INTO organisations (code, name_vi, name_en, created_at, updated_at) VALUES ('kt', 'Kon Tum', 'Kon Tum', '${at}', '${at}')`,
      );
      await dataSource.query(
        `INSERT INTO organisation_units (organisation_code, code, name_vi, name_en, parent_code, created_at, updated_at, search_text)
         VALUES ('kt', 'vp-dt', 'Phòng Ðào tạo', 'Training', NULL, '${at}', '${at}', :text)`.replace(
          ':text',
          `'${before('vp-dt', 'Phòng Ðào tạo', 'Training')}'`,
        ),
      );
      for (const [id, name] of [
        ['u1', 'Ðinh Văn Ban'],
        ['u2', 'Đinh Thị Hà'],
      ])
        await dataSource.query(
          `INSERT INTO users (id, organisation_code, unit_code, full_name, title, email, password_hash, oidc_subject, locale, active, created_at, updated_at, search_text)
           VALUES ('${id}', 'kt', NULL, '${name}', NULL, '${id}@kontum.gov.vn', NULL, NULL, 'vi', ${kind === 'postgres' ? 'true' : '1'}, '${at}', '${at}', '${before(name, `${id}@kontum.gov.vn`)}')`,
        );
      // Before it, "Đinh" found only the name typed with Đ.
      expect(await searchFinds(dataSource, 'users', 'Đinh')).toBe(1);

      expect(await migrateUp(dataSource)).toEqual(reverted);
      for (const query of ['Đinh', 'dinh'])
        expect({ query, found: await searchFinds(dataSource, 'users', query) }).toEqual({ query, found: 2 });
      for (const query of ['Đào tạo', 'dao tao'])
        expect({ query, found: await searchFinds(dataSource, 'organisation_units', query) }).toEqual({
          query,
          found: 1,
        });
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('counts on each task the messages written about it before the count was kept', async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      const reverted = await revertedToBefore(dataSource, 'TaskCommentsCount1796220000000');
      const talkedAbout = 'quality-cycle/kt/2024/approval/approve/1';
      const quiet = 'quality-cycle/kt/2024/assignment/accept';
      for (const id of [talkedAbout, quiet])
        await dataSource.query(
          `INSERT INTO tasks (id, cycle_id, workflow_id, kind, title, assignee_user_id, delegate_user_ids, status, opened_at)
           VALUES ('${id}', 'kt-2024', 'quality-cycle/kt/2024', 'objectives-approval', '{"vi":"Phê duyệt","en":"Approve"}', 'u1', '[]', 'open', '2024-01-02T01:00:00.000Z')`,
        );
      // Two messages about the approval, the second the later; another event of the same task.
      for (const [id, type, at] of [
        [`${talkedAbout}/commented/1`, 'task.commented', '2024-01-03T01:00:00.000Z'],
        [`${talkedAbout}/commented/2`, 'task.commented', '2024-01-03T04:30:00.000Z'],
        [`${talkedAbout}/opened`, 'task.opened', '2024-01-02T01:00:00.000Z'],
      ])
        await dataSource.query(
          `INSERT INTO event_log (id, cycle_id, type, actor, occurred_at, payload) VALUES ('${id}', 'kt-2024', '${type}', 'u1', '${at}', '{}')`,
        );
      expect(await migrateUp(dataSource)).toEqual(reverted);
      const counted = await dataSource.query(
        'SELECT id, comment_count, last_commented_at FROM tasks ORDER BY id',
      );
      expect(
        counted.map((row: Record<string, unknown>) => ({ ...row, comment_count: Number(row.comment_count) })),
      ).toEqual([
        { id: talkedAbout, comment_count: 2, last_commented_at: '2024-01-03T04:30:00.000Z' },
        { id: quiet, comment_count: 0, last_commented_at: null },
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('marks the files uploaded to a task’s record after it was answered, before that was kept', async () => {
    const database = await createTestDatabase(kind);
    const dataSource = await openDataSource(database.config);
    try {
      const reverted = await revertedToBefore(dataSource, 'EvidenceAfterAnswer1796280000000');
      const approval = 'quality-cycle/kt/2024/approval/approve/1';
      await dataSource.query(
        `INSERT INTO tasks (id, cycle_id, workflow_id, kind, title, assignee_user_id, delegate_user_ids, status, opened_at, closed_at)
         VALUES ('${approval}', 'kt-2024', 'quality-cycle/kt/2024/approval', 'objectives-approval', '{"vi":"Phê duyệt","en":"Approve"}', 'u1', '[]', 'completed', '2024-01-02T01:00:00.000Z', '2024-01-05T02:00:00.000Z')`,
      );
      // In the leader's form before the answer; the signed decision's scan after it; a corrective
      // action's file, whose record is no task.
      for (const [id, recordType, recordKey, at] of [
        ['in-form', 'approval', approval, '2024-01-04T09:00:00.000Z'],
        ['signed', 'approval', approval, '2024-01-08T03:00:00.000Z'],
        ['action', 'corrective-action', 'quality-cycle/kt/2024/audit/ca/1', '2024-03-01T03:00:00.000Z'],
      ])
        await dataSource.query(
          `INSERT INTO evidence_files (id, organisation_code, cycle_id, record_type, record_key, sha256, size, content_type, file_name, uploaded_by, uploaded_at)
           VALUES ('${id}', 'kt', 'kt-2024', '${recordType}', '${recordKey}', 'abc', 3, 'application/pdf', '${id}.pdf', 'u1', '${at}')`,
        );
      expect(await migrateUp(dataSource)).toEqual(reverted);
      const marked = await dataSource.query('SELECT id, after_answer FROM evidence_files ORDER BY id');
      expect(marked.map((row: Record<string, unknown>) => [row.id, Boolean(row.after_answer)])).toEqual([
        ['action', false],
        ['in-form', false],
        ['signed', true],
      ]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
