import {
  Table,
  TableIndex,
  type MigrationInterface,
  type QueryRunner,
  type TableColumnOptions,
} from 'typeorm';

// Frozen schema of the cycle's records (tasks, decisions, assignments, measurements, audit,
// corrective actions, review, results). Portable types only: varchar/text/integer/boolean.
const id = (length = '200'): TableColumnOptions => ({ name: 'id', type: 'varchar', length, isPrimary: true });
const str = (name: string, length: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length,
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
});
const bool = (name: string, nullable = false, defaultValue?: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  isNullable: nullable,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});
const instant = (name: string, nullable = false) => str(name, '24', nullable);

const TABLES: Table[] = [
  new Table({
    name: 'tasks',
    columns: [
      id(),
      str('cycle_id', '64'),
      str('workflow_id', '200'),
      str('kind', '40'),
      text('title'),
      str('assignee_user_id', '64'),
      text('delegate_user_ids'),
      str('unit_code', '64', true),
      str('objective_id', '64', true),
      str('period_key', '16', true),
      text('form', true),
      str('status', '16'),
      instant('opened_at'),
      instant('due_at', true),
      instant('closed_at', true),
      str('completed_by', '64', true),
      text('outcome', true),
      bool('late', false, false),
      { name: 'escalation_level', type: 'varchar', length: '32', default: "'none'" },
    ],
    indices: [
      new TableIndex({ name: 'IDX_tasks_cycle_status', columnNames: ['cycle_id', 'status'] }),
      new TableIndex({ name: 'IDX_tasks_assignee_status', columnNames: ['assignee_user_id', 'status'] }),
    ],
  }),
  new Table({
    name: 'decisions',
    columns: [
      id(),
      str('cycle_id', '64'),
      str('organisation_code', '40'),
      int('year'),
      str('document_number', '40'),
      str('signer_name', '120'),
      str('signer_title', '120'),
      str('signed_by', '64'),
      str('signing_date', '10'),
      str('effective_date', '10'),
      int('rounds'),
      text('objectives'),
      instant('recorded_at'),
    ],
    indices: [
      new TableIndex({
        name: 'IDX_decisions_org_year_number',
        columnNames: ['organisation_code', 'year', 'document_number'],
        isUnique: true,
      }),
    ],
  }),
  new Table({
    name: 'assignments',
    columns: [
      id(),
      str('cycle_id', '64'),
      str('objective_id', '64'),
      str('level', '16'),
      str('unit_code', '64', true),
      str('assignee_user_id', '64'),
      str('assigned_by', '64'),
      instant('assigned_at'),
      str('task_id', '200', true),
    ],
    indices: [
      new TableIndex({ name: 'IDX_assignments_cycle_objective', columnNames: ['cycle_id', 'objective_id'] }),
    ],
  }),
  new Table({
    name: 'measurements',
    columns: [
      id('240'),
      str('cycle_id', '64'),
      str('objective_id', '64'),
      str('indicator_id', '64'),
      str('period_key', '16'),
      str('kind', '16'),
      int('numerator', true),
      int('denominator', true),
      int('value', true),
      bool('achieved', true),
      text('evidence'),
      str('reported_by', '64'),
      instant('reported_at'),
      bool('late'),
      str('task_id', '200', true),
    ],
    indices: [
      new TableIndex({
        name: 'IDX_measurements_cycle_objective_period',
        columnNames: ['cycle_id', 'objective_id', 'period_key'],
      }),
    ],
  }),
  new Table({
    name: 'audits',
    columns: [
      id(),
      str('cycle_id', '64'),
      str('lead_auditor_user_id', '64'),
      text('plan', true),
      str('status', '16'),
      text('report', true),
      instant('closed_at', true),
    ],
  }),
  new Table({
    name: 'audit_steps',
    columns: [
      id('240'),
      str('audit_id', '200'),
      str('cycle_id', '64'),
      str('unit_code', '64'),
      str('process', '200'),
      str('clause', '32'),
      str('auditor_user_id', '64'),
      str('result', '16', true),
      text('evidence', true),
      text('notes', true),
      text('finding', true),
      instant('signed_off_at', true),
    ],
    indices: [new TableIndex({ name: 'IDX_audit_steps_audit', columnNames: ['audit_id'] })],
  }),
  new Table({
    name: 'corrective_actions',
    columns: [
      id('240'),
      str('cycle_id', '64'),
      str('audit_id', '200'),
      str('step_id', '240'),
      str('severity', '16'),
      str('unit_code', '64'),
      text('finding'),
      text('correction', true),
      text('root_cause', true),
      text('action', true),
      str('owner_user_id', '64', true),
      str('due_date', '10', true),
      str('status', '16'),
      int('rounds'),
      bool('effective', true),
      str('verified_by', '64', true),
      instant('verified_at', true),
      instant('opened_at'),
    ],
    indices: [new TableIndex({ name: 'IDX_corrective_actions_cycle', columnNames: ['cycle_id'] })],
  }),
  new Table({
    name: 'management_reviews',
    columns: [
      id(),
      str('cycle_id', '64'),
      text('inputs'),
      text('outputs', true),
      text('actions', true),
      str('minutes_ref', '120', true),
      str('chaired_by', '64', true),
      instant('held_at', true),
      str('status', '16'),
    ],
  }),
  new Table({
    name: 'objective_results',
    columns: [
      id(),
      str('cycle_id', '64'),
      str('objective_id', '64'),
      str('status', '16'),
      text('indicators'),
      instant('computed_at'),
    ],
    indices: [new TableIndex({ name: 'IDX_objective_results_cycle', columnNames: ['cycle_id'] })],
  }),
];

export class CycleRecords1764200000000 implements MigrationInterface {
  name = 'CycleRecords1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.createTable(table, false, false, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, false, false, true);
  }
}
