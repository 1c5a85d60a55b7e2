import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A division or unit of an organisation (phòng, trung tâm); unit codes are unique within their organisation. */
@Entity('organisation_units')
@Index(['organisationCode', 'parentCode'])
export class OrganisationUnitEntity {
  @PrimaryColumn({ name: 'organisation_code', type: 'varchar', length: 40 })
  organisationCode!: string;

  /** Lower-case slug, e.g. `vp-tonghop`. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  code!: string;

  @Column({ name: 'name_vi', type: 'varchar', length: 300 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 300 })
  nameEn!: string;

  /** The unit this one belongs to, in the same organisation; null for a top-level unit. */
  @Column({ name: 'parent_code', type: 'varchar', length: 60, nullable: true })
  parentCode!: string | null;

  /**
   * The head chosen to take the unit's work in a year started from now on; null leaves it to the
   * first of its heads by name. Read only while that person still leads the unit and is active
   * (`headTakingWork`), so a head who leaves or is deactivated needs no clean-up here.
   */
  @Column({ name: 'work_head_user_id', type: 'varchar', length: 36, nullable: true })
  workHeadUserId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt!: string;

  /** The code and names as the directory's search compares them (`searchText` of @qcycle/domain). */
  @Column({ name: 'search_text', type: 'text' })
  searchText!: string;
}
