import { Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import type { DocumentVersionEntity } from '@qcycle/persistence';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import {
  CSV_TYPE,
  ApiDocumentsUnavailable,
  ApiNegotiatedDocument,
  documentAnswer,
  DOCX_TYPE,
  negotiatedFormat,
  negotiatedTableFormat,
  PDF_TYPE,
  XLSX_TYPE,
} from '../documents/document-negotiation';
import { registerEntry } from '../documents/document-register.service';
import { BEFORE_THE_CLOSE, NEGOTIATED } from '../documents/documents.controller';
import { IssuedDocumentView } from '../documents/dto/documents.view';
import { AnnualQmsReportView, ConformityAnnouncementView } from '../documents/dto/year-documents.view';
import { YearDocumentsService } from '../documents/year-documents.service';
import { CycleDocumentsService } from './cycle-documents.service';
import { CycleReportService, notYet } from './cycle-report.service';

/**
 * The year's reports to the outside: the yearly report on applying the QMS to the Department of
 * Science and Technology and the announcement of conformity, negotiated like the decision; and the
 * Quality Representative's issuing of the two year-end reports (this one and the objectives report of
 * `/report`), drafts until then while the year runs (docs/documents.md "Drafts and issuing").
 */
const ISSUE =
  'Registers the report as the records say it now as its next version (rendered in PDF and DOCX, kept in the register ' +
  'with its hashes), or answers the version already issued with exactly this content (`issuedNow: false`). Sent again ' +
  'with the same x-request-id it answers the version that request issued, once, whatever the records say since. ' +
  'Before the close a download answers a draft until the report is issued (docs/documents.md "Drafts and issuing"); ' +
  'after the close issuing registers what a download would. 403 for anyone but the Quality Representative; 404 ' +
  "before the objectives are approved and for another organisation's cycle; 503 DOCUMENTS_UNAVAILABLE when the " +
  'server cannot print (nothing registered).';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId')
export class CycleYearReportsController {
  constructor(
    private readonly documents: CycleDocumentsService,
    private readonly reports: CycleReportService,
    private readonly year: YearDocumentsService,
  ) {}

  @Get('annual-qms-report')
  @ApiOperation({
    summary:
      'The yearly report on applying the QMS, to the Department of Science and Technology: scope and changes, documents issued or revised, internal audit and management review held, objectives achieved, corrective actions',
    description:
      `${NEGOTIATED} Also \`Accept: ${XLSX_TYPE}\` (a workbook: the summary row, objectives, documents, corrective actions) ` +
      `and \`Accept: ${CSV_TYPE}\` (the summary: a header and one row, UTF-8 with a BOM) for the Department's aggregation. ` +
      `${BEFORE_THE_CLOSE} The XLSX and CSV follow the document: a draft's are named \`-DU-THAO\` and carry no \`x-document-id\`. ` +
      'Available once the objectives are approved (404 before).',
  })
  @ApiProduces('application/json', PDF_TYPE, DOCX_TYPE, XLSX_TYPE, CSV_TYPE)
  @ApiOkResponse({
    type: AnnualQmsReportView,
    description: 'The report (application/json), or the document (PDF, DOCX) or its tables (XLSX, CSV)',
  })
  @ApiErrors(401, 403, 404)
  @ApiDocumentsUnavailable()
  async annualQmsReport(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AnnualQmsReportView | StreamableFile> {
    const format = negotiatedTableFormat(request, response);
    const report = await this.reports.report(caller, cycleId);
    const [audit, review] = await Promise.all([
      notYet(this.documents.audit(caller, cycleId)),
      notYet(this.documents.review(caller, cycleId)),
    ]);
    const data = await this.year.annualQmsReport(caller, report, audit, review);
    if (format === 'json') return data;
    return documentAnswer(response, await this.year.annualQmsReportFile(caller, report, data, format));
  }

  @Post('report/issue')
  @Roles('quality-representative')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Issue the year's objectives report as the records say it now (the Quality Representative), before the close",
    description: ISSUE,
  })
  @ApiOkResponse({ type: IssuedDocumentView })
  @ApiErrors(401, 403, 404, 429)
  @ApiDocumentsUnavailable()
  async issueObjectivesReport(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @RequestId() requestId: string,
  ): Promise<IssuedDocumentView> {
    const report = await this.reports.report(caller, cycleId);
    return issued(await this.year.issueObjectivesReport(caller, report, requestId), requestId);
  }

  @Post('annual-qms-report/issue')
  @Roles('quality-representative')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Issue the yearly report on applying the QMS as the records say it now (the Quality Representative), e.g. to send it to the Department in December, before the close',
    description: ISSUE,
  })
  @ApiOkResponse({ type: IssuedDocumentView })
  @ApiErrors(401, 403, 404, 429)
  @ApiDocumentsUnavailable()
  async issueAnnualQmsReport(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @RequestId() requestId: string,
  ): Promise<IssuedDocumentView> {
    const report = await this.reports.report(caller, cycleId);
    const [audit, review] = await Promise.all([
      notYet(this.documents.audit(caller, cycleId)),
      notYet(this.documents.review(caller, cycleId)),
    ]);
    const data = await this.year.annualQmsReport(caller, report, audit, review);
    return issued(await this.year.issueAnnualQmsReport(caller, report, data, requestId), requestId);
  }

  @Get('conformity-announcement')
  @ApiOperation({
    summary:
      'The decision announcing the QMS conforms to TCVN ISO 9001:2015 (Quyết định công bố), the first year and whenever the scope changes',
    description: `${NEGOTIATED} In Decree 30 form like the decision, from its organisation, scope and signer. 404 before the objectives are approved, and in a year whose scope is last year's.`,
  })
  @ApiNegotiatedDocument(
    ConformityAnnouncementView,
    'Why and what (application/json), or the decision (PDF, DOCX)',
  )
  async conformityAnnouncement(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ConformityAnnouncementView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    if (format === 'json') return this.year.conformityAnnouncement(caller, cycleId);
    return documentAnswer(response, await this.year.conformityAnnouncementFile(caller, cycleId, format));
  }
}

/** The issued version's register entry, and whether this request issued it. */
function issued(row: DocumentVersionEntity, requestId: string): IssuedDocumentView {
  return { ...registerEntry(row), issuedNow: row.requestId === requestId };
}
