import { applyDecorators, StreamableFile, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { ApiErrors, ErrorView } from '../common/error-responses';
import type { Request as HttpRequest, Response as HttpResponse } from 'express';

export const PDF_TYPE = 'application/pdf';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

export type DocumentFormat = 'pdf' | 'docx';
/** The yearly report's tables for aggregation (only the routes that offer them). */
export type SpreadsheetFormat = 'xlsx' | 'csv';

const MEDIA_TYPES: Record<DocumentFormat | SpreadsheetFormat, string> = {
  pdf: PDF_TYPE,
  docx: DOCX_TYPE,
  xlsx: XLSX_TYPE,
  csv: `${CSV_TYPE}; charset=utf-8`,
};

/** A rendered file: of a registered document version, or of a draft (not registered). */
export type DocumentFile = RegisteredDocumentFile | DraftDocumentFile;

interface RenderedFile {
  format: DocumentFormat | SpreadsheetFormat;
  bytes: Buffer;
  /** e.g. `QD-123-UBND-2024.pdf` */
  fileName: string;
  sha256: string;
}

/** A file of a version in the register: issued. */
export interface RegisteredDocumentFile extends RenderedFile {
  status: 'issued';
  documentId: string;
  version: number;
}

/**
 * A year-end report's draft before the close (docs/documents.md "Drafts and issuing"): the figures
 * so far, marked, not registered; the version last issued, if any, named beside it.
 */
export interface DraftDocumentFile extends RenderedFile {
  status: 'draft';
  issuedVersion: number | null;
}

/**
 * Content negotiation of the record routes: JSON by default (also for the wildcard type and for an Accept that
 * names none of the three: the JSON answer is always available, as on `/report`); the PDF or the
 * DOCX when the client prefers it.
 */
export function negotiatedFormat(request: HttpRequest, response: HttpResponse): DocumentFormat | 'json' {
  response.vary('Accept');
  const chosen = request.accepts(['application/json', PDF_TYPE, DOCX_TYPE]);
  return chosen === PDF_TYPE ? 'pdf' : chosen === DOCX_TYPE ? 'docx' : 'json';
}

/** The same negotiation, with the spreadsheets besides (XLSX and CSV: the yearly report's). */
export function negotiatedTableFormat(
  request: HttpRequest,
  response: HttpResponse,
): DocumentFormat | SpreadsheetFormat | 'json' {
  response.vary('Accept');
  const chosen = request.accepts(['application/json', PDF_TYPE, DOCX_TYPE, XLSX_TYPE, CSV_TYPE]);
  const formats: Record<string, DocumentFormat | SpreadsheetFormat> = {
    [PDF_TYPE]: 'pdf',
    [DOCX_TYPE]: 'docx',
    [XLSX_TYPE]: 'xlsx',
    [CSV_TYPE]: 'csv',
  };
  return (chosen && formats[chosen]) || 'json';
}

/**
 * The file as the answer, downloaded under its ASCII name (`QD-123-UBND-2024.pdf`; `filename*` for
 * the RFC 5987 form), with its status (`x-document-status`: `issued`, or `draft` for a year-end
 * report not issued as it stands), a registered file's register id and version, a draft's last issued
 * version (`x-document-issued-version`, absent before the first), and the SHA-256 in the headers.
 */
export function documentAnswer(response: HttpResponse, file: DocumentFile): StreamableFile {
  response.setHeader('x-document-status', file.status);
  if (file.status === 'issued') {
    response.setHeader('x-document-id', file.documentId);
    response.setHeader('x-document-version', String(file.version));
  } else if (file.issuedVersion !== null) {
    response.setHeader('x-document-issued-version', String(file.issuedVersion));
  }
  response.setHeader('x-content-sha256', file.sha256);
  response.setHeader('etag', `"${file.sha256}"`);
  response.setHeader('cache-control', 'private, no-cache');
  return new StreamableFile(file.bytes, {
    type: MEDIA_TYPES[file.format],
    length: file.bytes.length,
    disposition: `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

/**
 * The 503 of a route that prints a document: a version not registered yet is printed with chromium,
 * which this server may lack (DOCUMENTS_UNAVAILABLE). Registered versions and the JSON still answer.
 */
export function ApiDocumentsUnavailable(): MethodDecorator {
  return ApiResponse({
    status: 503,
    description:
      'A PDF or DOCX not printed before was asked for and the server cannot print (chromium is missing: DOCUMENTS_UNAVAILABLE); the JSON record still answers',
    type: ErrorView,
  });
}

/**
 * The OpenAPI of a record route that also answers its document: JSON, PDF or DOCX by Accept, the
 * record's view type, and the refusals every such route shares (401, 403, 404, and 503 when the
 * server cannot print).
 */
export function ApiNegotiatedDocument(type: Type<unknown>, description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/json', PDF_TYPE, DOCX_TYPE),
    ApiOkResponse({ type, description }),
    ApiErrors(401, 403, 404),
    ApiDocumentsUnavailable(),
  );
}
