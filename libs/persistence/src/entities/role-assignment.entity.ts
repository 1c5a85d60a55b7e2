import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The roles (docs/security.md "Roles"). */
export const USER_ROLES = [
  'admin',
  'quality-representative',
  'leader',
  'unit-head',
  'staff',
  'auditor',
  'lead-auditor',
  'external-auditor',
  // The clerical office's văn thư: numbers the documents on sending, files the year's records.
  'clerk',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Roles that only read. The certification body's auditor verifies the QMS (who did what and when,
 * the audit, the evidence, the actions, the review, the documents) and changes none of it: someone
 * holding no other role is refused every write (apps/api/src/auth/roles.guard.ts). Never on a cycle's
 * roster (DirectoryRosterService reads the roles it needs by name).
 */
export const READ_ONLY_ROLES: readonly UserRole[] = ['external-auditor'];

/** Marks an assignment that is not limited to one unit (every role except unit-head). */
export const WHOLE_ORGANISATION_SCOPE = '*';

/** One role of one user; a unit head's role is scoped to the unit they lead. */
@Entity('role_assignments')
@Index(['userId', 'role', 'scope'], { unique: true })
@Index(['organisationCode', 'role'])
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: UserRole;

  /** The unit a unit head leads, or {@link WHOLE_ORGANISATION_SCOPE}; never null so the unique index holds on every driver. */
  @Column({ type: 'varchar', length: 60 })
  scope!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;
}
