import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per task link that has been exchanged for access. The nonce is the primary key, so the
 * database itself refuses a second use of the same link, even from two requests at once.
 */
@Entity('task_link_uses')
export class TaskLinkUseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 200 })
  taskId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @Column({ name: 'used_at', type: 'varchar', length: 24 })
  usedAt!: string;
}
