import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
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
import { NEGOTIATED } from '../documents/documents.controller';
import { AnnualQmsReportView, ConformityAnnouncementView } from '../documents/dto/year-documents.view';
import { YearDocumentsService } from '../documents/year-documents.service';
import { CycleDocumentsService } from './cycle-documents.service';
import { CycleReportService, notYet } from './cycle-report.service';

/**
 * The year's reports to the outside: the yearly report on applying the QMS to the Department of
 * Science and Technology and the announcement of conformity, negotiated like the decision.
 */
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
    return documentAnswer(response, await this.year.annualQmsReportFile(caller, data, cycleId, format));
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
