import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { DocumentVersionEntity } from '@qcycle/persistence';
import { pageWindow, type Page } from '../common/pagination';
import type { DocumentFormat, DraftDocumentFile, RegisteredDocumentFile } from './document-negotiation';
import { CHART_SIZE, indicatorChartSvg } from './indicator-chart.svg';
import { renderOfficialDocumentDocx } from './official-document.docx';
import { renderOfficialDocumentHtml } from './official-document.html';
import { dispatchSymbol } from './dispatch-number';
import { earlierTemplates, type OfficialDocument } from './official-document';
import { PdfPrinter } from './pdf-printer';

/** The kinds of generated document the register holds. */
export const DOCUMENT_TYPES = [
  'objectives-decision',
  'objectives-plan',
  'audit-plan',
  'audit-report',
  'objectives-report',
  'annual-qms-report',
  'conformity-announcement',
  'review-minutes',
  'nonconformity-report',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** What a document is generated from, and the model it says. */
export interface DocumentSource {
  organisationCode: string;
  cycleId: string;
  year: number;
  type: DocumentType;
  /** Number and symbol (a plan carries its decision's). */
  number: string;
  /** `<table>/<id>` of the record, e.g. `decisions/quality-cycle/kontum/2024/approval`. */
  sourceRecord: string;
  approvedBy: string | null;
  approvedByName: string | null;
  model: OfficialDocument;
}

export interface DocumentListQuery {
  cycleId?: string;
  type?: string;
  year?: number;
  /** Only the versions awaiting their number on sending. */
  awaitingNumber?: 'true';
  limit?: number;
  offset?: number;
}

/**
 * Document control (ISO 9001 7.5.3). A document's version is its content: the model's canonical
 * JSON is hashed, and the same records give the same model, the same hash and so the same version,
 * served from the register as it was issued. A changed record gives a new model, rendered once and
 * registered as the next version; earlier versions stay, each with its files and their SHA-256.
 */
@Injectable()
export class DocumentRegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly printer: PdfPrinter,
  ) {}

  /**
   * The registered version of `source`'s content, registered now (rendered in both formats) if new.
   * With `requestId` (a deliberate issue, not a download), the version that request already issued
   * if it is sent again, whatever the records say since.
   */
  async issue(
    source: DocumentSource,
    registeredBy: string,
    requestId?: string,
  ): Promise<DocumentVersionEntity> {
    const content = canonicalJson(source.model);
    const contentSha256 = sha256(content);
    const repository = this.dataSource.getRepository(DocumentVersionEntity);
    const key = { cycleId: source.cycleId, type: source.type };
    const repeated = requestId ? await repository.findOneBy({ ...key, requestId }) : null;
    if (repeated) return repeated;
    const existing = await this.findRegistered(source.cycleId, source.type, source.model);
    if (existing) return existing;

    const [pdf, docx] = await Promise.all([
      this.printer.print(renderOfficialDocumentHtml(source.model), source.model.properties.date),
      renderDocx(source.model, this.printer),
    ]);
    // Two requests may register at once: the unique indexes decide; the loser reads the winner's row.
    for (let attempt = 0; attempt < 5; attempt++) {
      const latest = await repository.findOne({ where: key, order: { version: 'DESC' } });
      const version = (latest?.version ?? 0) + 1;
      const row: DocumentVersionEntity = {
        id: `${source.cycleId}.${source.type}.v${version}`,
        organisationCode: source.organisationCode,
        cycleId: source.cycleId,
        year: source.year,
        type: source.type,
        version,
        number: source.number,
        title: source.model.properties.title,
        fileBaseName: source.model.fileBaseName,
        sourceRecord: source.sourceRecord,
        contentSha256,
        pdfSha256: sha256(pdf),
        docxSha256: sha256(docx),
        approvedBy: source.approvedBy,
        approvedByName: source.approvedByName,
        issuedOn: source.model.properties.date,
        registeredBy,
        registeredAt: new Date().toISOString(),
        requestId: requestId ?? null,
        dispatchNumber: null,
        dispatchedOn: null,
        dispatchedBy: null,
        dispatchRecordedAt: null,
        content,
        pdf: pdf.toString('base64'),
        docx: docx.toString('base64'),
      };
      try {
        await repository.insert(row);
        return row;
      } catch (error) {
        const winner = await repository.findOneBy({ ...key, contentSha256 });
        if (winner) return winner;
        if (attempt === 4) throw error;
      }
    }
    throw new Error('unreachable');
  }

  /** The version registered with this content (the model's canonical JSON), if any: never registers. */
  findByContent(
    cycleId: string,
    type: DocumentType,
    model: OfficialDocument,
  ): Promise<DocumentVersionEntity | null> {
    return this.findRegistered(cycleId, type, model);
  }

  /**
   * The version registered with this model's content, or with the content an earlier template built
   * from the same records ({@link earlierTemplates}): a registered version is answered as registered,
   * its files as stored, and a template change alone never makes a new version. Only content not
   * registered under any template is rendered with today's.
   */
  private async findRegistered(
    cycleId: string,
    type: DocumentType,
    model: OfficialDocument,
  ): Promise<DocumentVersionEntity | null> {
    const repository = this.dataSource.getRepository(DocumentVersionEntity);
    for (const built of [model, ...earlierTemplates(model)]) {
      const row = await repository.findOneBy({ cycleId, type, contentSha256: sha256(canonicalJson(built)) });
      if (row) return row;
    }
    return null;
  }

  /**
   * A draft's file, rendered now in the one format asked for and not registered: its bytes are not
   * kept, and a changed record gives a changed draft.
   */
  async draftFile(
    model: OfficialDocument,
    format: DocumentFormat,
    issuedVersion: number | null,
  ): Promise<DraftDocumentFile> {
    const bytes =
      format === 'pdf'
        ? await this.printer.print(renderOfficialDocumentHtml(model), model.properties.date)
        : await renderDocx(model, this.printer);
    return {
      status: 'draft',
      format,
      bytes,
      fileName: `${model.fileBaseName}.${format}`,
      sha256: sha256(bytes),
      issuedVersion,
    };
  }

  async list(organisationCode: string, query: DocumentListQuery): Promise<Page<RegisterEntry>> {
    const { limit, offset } = pageWindow(query);
    const where = {
      organisationCode,
      ...(query.cycleId ? { cycleId: query.cycleId } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.year ? { year: query.year } : {}),
    };
    // The files are not listed: only the register's fields (and the model, for `dispatchSymbol`).
    const select = [...LISTED_COLUMNS, 'content'] satisfies (keyof DocumentVersionEntity)[];
    const order = { year: 'DESC', cycleId: 'ASC', type: 'ASC', version: 'ASC' } as const;
    const repository = this.dataSource.getRepository(DocumentVersionEntity);
    if (query.awaitingNumber === 'true') {
      // Whether a version takes a number is its model's to say: only those with neither a printed
      // number nor a recorded one are read (few: once numbered, a year's documents drop out), then paged.
      const candidates = await repository.find({
        where: { ...where, number: '', dispatchNumber: IsNull() },
        select,
        order,
      });
      const awaiting = candidates.map(registerEntry).filter((entry) => entry.dispatchSymbol !== null);
      return { items: awaiting.slice(offset, offset + limit), total: awaiting.length, limit, offset };
    }
    const [items, total] = await repository.findAndCount({ where, select, order, skip: offset, take: limit });
    return { items: items.map(registerEntry), total, limit, offset };
  }

  /** One version of the organisation's register; another organisation's is "not found". */
  async get(organisationCode: string, documentId: string): Promise<DocumentVersionEntity> {
    const row = await this.dataSource.getRepository(DocumentVersionEntity).findOneBy({ id: documentId });
    if (!row || row.organisationCode !== organisationCode)
      throw new QcycleError(QcycleErrorCode.NotFound, 'document', { id: documentId });
    return row;
  }
}

/** The DOCX, its charts drawn as PNG by the printer's chromium from the SVG the PDF shows. */
export async function renderDocx(model: OfficialDocument, printer: PdfPrinter): Promise<Buffer> {
  const charts: Record<string, Buffer> = {};
  for (const item of model.body)
    if (item.kind === 'chart') charts[item.id] = await printer.png(indicatorChartSvg(item.chart), CHART_SIZE);
  return renderOfficialDocumentDocx(model, charts);
}

/** The registered file of one format, as the routes send it. */
export function registeredFile(row: DocumentVersionEntity, format: DocumentFormat): RegisteredDocumentFile {
  return {
    status: 'issued',
    format,
    bytes: Buffer.from(format === 'pdf' ? row.pdf : row.docx, 'base64'),
    fileName: `${row.fileBaseName}.${format}`,
    sha256: format === 'pdf' ? row.pdfSha256 : row.docxSha256,
    documentId: row.id,
    version: row.version,
  };
}

/** A version's entry as the API shows it. */
export type RegisterEntry = Omit<
  DocumentVersionEntity,
  'content' | 'pdf' | 'docx' | 'organisationCode' | 'requestId'
> & { dispatchSymbol: string | null };

/**
 * A version's entry as the API shows it: the register's fields, not the files nor the request that
 * issued it; and the symbol its number on sending takes, if it takes one.
 */
export function registerEntry(row: DocumentVersionEntity): RegisterEntry {
  const taken = dispatchSymbol(row);
  const {
    content: _content,
    pdf: _pdf,
    docx: _docx,
    organisationCode: _organisation,
    requestId: _requestId,
    ...entry
  } = row;
  return { ...entry, dispatchSymbol: 'symbol' in taken ? taken.symbol : null };
}

const LISTED_COLUMNS: (keyof DocumentVersionEntity)[] = [
  'id',
  'organisationCode',
  'cycleId',
  'year',
  'type',
  'version',
  'number',
  'title',
  'fileBaseName',
  'sourceRecord',
  'contentSha256',
  'pdfSha256',
  'docxSha256',
  'approvedBy',
  'approvedByName',
  'issuedOn',
  'registeredBy',
  'registeredAt',
  'dispatchNumber',
  'dispatchedOn',
  'dispatchedBy',
  'dispatchRecordedAt',
];

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with every object's keys sorted: the same model always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
