import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One version of a generated official document (ISO 9001 7.5.3): the decision approving the
 * objectives, their implementation plan… A version is its content: the same records give the same
 * content, hence the same version; a changed record gives the next version, and earlier ones stay.
 */
@Entity('document_versions')
@Index('IDX_document_versions_version', ['cycleId', 'type', 'version'], { unique: true })
@Index('IDX_document_versions_content', ['cycleId', 'type', 'contentSha256'], { unique: true })
@Index('IDX_document_versions_listing', ['organisationCode', 'year', 'type'])
export class DocumentVersionEntity {
  /** e.g. `kontum-2024.objectives-decision.v1` */
  @PrimaryColumn({ type: 'varchar', length: 200 }) id!: string;
  @Column({ name: 'organisation_code', type: 'varchar', length: 40 }) organisationCode!: string;
  @Column({ name: 'cycle_id', type: 'varchar', length: 64 }) cycleId!: string;
  @Column({ type: 'integer' }) year!: number;
  /** objectives-decision | objectives-plan */
  @Column({ type: 'varchar', length: 40 }) type!: string;
  @Column({ type: 'integer' }) version!: number;
  /** Number and symbol, e.g. `123/QĐ-UBND` (a plan carries its decision's). */
  @Column({ type: 'varchar', length: 60 }) number!: string;
  @Column({ type: 'text' }) title!: string;
  /** The download name without extension, e.g. `QD-123-UBND-2024`. */
  @Column({ name: 'file_base_name', type: 'varchar', length: 120 }) fileBaseName!: string;
  /** The record it came from, `<table>/<id>`, e.g. `decisions/quality-cycle/kontum/2024`. */
  @Column({ name: 'source_record', type: 'varchar', length: 240 }) sourceRecord!: string;
  /** SHA-256 of the document model (canonical JSON): what the document says. */
  @Column({ name: 'content_sha256', type: 'varchar', length: 64 }) contentSha256!: string;
  @Column({ name: 'pdf_sha256', type: 'varchar', length: 64 }) pdfSha256!: string;
  @Column({ name: 'docx_sha256', type: 'varchar', length: 64 }) docxSha256!: string;
  /** The user who approved (signed) it in qcycle, and the signer's name as printed. */
  @Column({ name: 'approved_by', type: 'varchar', length: 64, nullable: true }) approvedBy!: string | null;
  @Column({ name: 'approved_by_name', type: 'varchar', length: 120, nullable: true }) approvedByName!:
    string | null;
  /** The document's date (`YYYY-MM-DD`): signing date for a decision and its plan. */
  @Column({ name: 'issued_on', type: 'varchar', length: 10 }) issuedOn!: string;
  /** Whose request first generated this version, and when. */
  @Column({ name: 'registered_by', type: 'varchar', length: 64 }) registeredBy!: string;
  @Column({ name: 'registered_at', type: 'varchar', length: 24 }) registeredAt!: string;
  /**
   * The `x-request-id` of the request that issued it deliberately (a year-end report issued before the
   * close): the same request sent again answers this version. Null when registered on download.
   */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  /**
   * The number and symbol the clerical office (văn thư) gave the signed paper when it sent it
   * (`15/BC-UBND`, "vào sổ văn bản đi"), for a version printed with a blank `Số:` line; the day it
   * was sent, who recorded them in qcycle and when. Null until recorded; the files do not change
   * (the number is written on the paper by hand). docs/documents.md "Numbering on sending".
   */
  @Column({ name: 'dispatch_number', type: 'varchar', length: 60, nullable: true }) dispatchNumber!:
    string | null;
  @Column({ name: 'dispatched_on', type: 'varchar', length: 10, nullable: true }) dispatchedOn!:
    string | null;
  @Column({ name: 'dispatched_by', type: 'varchar', length: 64, nullable: true }) dispatchedBy!:
    string | null;
  @Column({ name: 'dispatch_recorded_at', type: 'varchar', length: 24, nullable: true })
  dispatchRecordedAt!: string | null;
  /** The document model as canonical JSON (what `content_sha256` hashes). */
  @Column({ type: 'text' }) content!: string;
  /** The files, base64. */
  @Column({ type: 'text' }) pdf!: string;
  @Column({ type: 'text' }) docx!: string;
}
