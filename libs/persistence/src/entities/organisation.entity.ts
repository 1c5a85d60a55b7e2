import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation that runs its own quality cycle, e.g. the Kon Tum Provincial People's Committee. */
@Entity('organisations')
export class OrganisationEntity {
  /** Lower-case slug used in cycle and workflow ids, e.g. `kontum`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ name: 'name_vi', type: 'varchar', length: 300 })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'varchar', length: 300 })
  nameEn!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt!: string;
}
