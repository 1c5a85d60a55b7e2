import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The register of generated official documents (ISO 9001 7.5.3, control of documented
 * information): one row per version of a document, with the record it came from, who approved it,
 * the SHA-256 of its content and of each format, and the files themselves (base64 text: portable on
 * both drivers), so every earlier version stays retrievable exactly as it was issued.
 */
export class DocumentRegister1796017826694 implements MigrationInterface {
  name = 'DocumentRegister1796017826694';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'document_versions',
        columns: [
          { name: 'id', type: 'varchar', length: '200', isPrimary: true },
          { name: 'organisation_code', type: 'varchar', length: '40' },
          { name: 'cycle_id', type: 'varchar', length: '64' },
          { name: 'year', type: 'integer' },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'version', type: 'integer' },
          { name: 'number', type: 'varchar', length: '60' },
          { name: 'title', type: 'text' },
          { name: 'file_base_name', type: 'varchar', length: '120' },
          { name: 'source_record', type: 'varchar', length: '240' },
          { name: 'content_sha256', type: 'varchar', length: '64' },
          { name: 'pdf_sha256', type: 'varchar', length: '64' },
          { name: 'docx_sha256', type: 'varchar', length: '64' },
          { name: 'approved_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'approved_by_name', type: 'varchar', length: '120', isNullable: true },
          { name: 'issued_on', type: 'varchar', length: '10' },
          { name: 'registered_by', type: 'varchar', length: '64' },
          { name: 'registered_at', type: 'varchar', length: '24' },
          { name: 'content', type: 'text' },
          { name: 'pdf', type: 'text' },
          { name: 'docx', type: 'text' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_document_versions_version',
            columnNames: ['cycle_id', 'type', 'version'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_document_versions_content',
            columnNames: ['cycle_id', 'type', 'content_sha256'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_document_versions_listing',
            columnNames: ['organisation_code', 'year', 'type'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('document_versions');
  }
}
