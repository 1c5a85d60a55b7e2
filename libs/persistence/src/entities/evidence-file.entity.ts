import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One uploaded evidence file, linked to one record of a cycle (a measurement report, an audit step,
 * a corrective action, the management review, a review action, the objectives' approval). The bytes are in the evidence store under
 * `sha256`; several rows may share one stored file (the same content uploaded twice).
 */
@Entity('evidence_files')
@Index('IDX_evidence_files_record', ['cycleId', 'recordType', 'recordKey'])
@Index('IDX_evidence_files_sha256', ['sha256'])
export class EvidenceFileEntity {
  /** A random UUID: an upload has no natural key (the same file may be linked to two records). */
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'organisation_code', type: 'varchar', length: 40 }) organisationCode!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  /** measurement | audit-step | corrective-action | review | review-action | approval */
  @Column({ name: 'record_type', type: 'varchar', length: 32 }) recordType!: string;
  /** The task id or record id the file is evidence for. */
  @Column({ name: 'record_key', type: 'varchar', length: 240 }) recordKey!: string;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'integer' }) size!: number;
  /** The type found in the content (magic bytes), not the one the client declared. */
  @Column({ name: 'content_type', type: 'varchar', length: 120 }) contentType!: string;
  /** The client's file name, cleaned (no path, no control characters). */
  @Column({ name: 'file_name', type: 'varchar', length: 255 }) fileName!: string;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 64 }) uploadedBy!: string;
  @Column({ name: 'uploaded_at', type: 'varchar', length: 24 }) uploadedAt!: string;
  /**
   * Uploaded to a task's record once the task was answered: for an approval or a review, the scan of
   * the paper signed after qcycle recorded it, which its answer could not name.
   */
  @Column({ name: 'after_answer', type: 'boolean', default: false }) afterAnswer!: boolean;
  /**
   * A scan withdrawn as a signed copy (the wrong paper uploaded): when, by whom, why. It stays on its
   * record and in the dossier; it is no longer listed beside the decision or the minutes.
   */
  @Column({ name: 'withdrawn_at', type: 'varchar', length: 24, nullable: true }) withdrawnAt!: string | null;
  @Column({ name: 'withdrawn_by', type: 'varchar', length: 64, nullable: true }) withdrawnBy!: string | null;
  @Column({ name: 'withdrawn_reason', type: 'varchar', length: 500, nullable: true })
  withdrawnReason!: string | null;
  /**
   * The file's content erased (a file that must not be kept: personal data uploaded by mistake, a
   * paper not to be shared): when, by whom, why. The row stays, with its name, size and SHA-256, so
   * the record still says what was there; the bytes are gone from the store unless another file holds
   * them.
   */
  @Column({ name: 'erased_at', type: 'varchar', length: 24, nullable: true }) erasedAt!: string | null;
  @Column({ name: 'erased_by', type: 'varchar', length: 64, nullable: true }) erasedBy!: string | null;
  @Column({ name: 'erased_reason', type: 'varchar', length: 500, nullable: true })
  erasedReason!: string | null;
}
