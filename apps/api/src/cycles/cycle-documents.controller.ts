import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request`/`Response` the parameter metadata would name the fetch globals.
import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { CycleOfficialDocumentsService } from '../documents/cycle-official-documents.service';
import {
  ApiDocumentsUnavailable,
  ApiNegotiatedDocument,
  documentAnswer,
  DOCX_TYPE,
  negotiatedFormat,
  PDF_TYPE,
} from '../documents/document-negotiation';
import { BEFORE_THE_CLOSE, NEGOTIATED } from '../documents/documents.controller';
import { NonconformityView } from '../documents/dto/nonconformity.view';
import { NonconformityReportsService } from '../documents/nonconformity-reports.service';
import { YearDocumentsService } from '../documents/year-documents.service';
import { CycleDocumentsService } from './cycle-documents.service';
import { renderCycleReportHtml } from './cycle-report.html';
import { CycleReportService } from './cycle-report.service';
import {
  AuditView,
  DecisionView,
  MeasurementPage,
  MeasurementQuery,
  ObjectiveResultView,
  ReviewView,
  UnitTasksView,
} from './dto/cycle-records.view';
import { ObjectiveView } from './dto/cycle-objectives.view';
import { CycleReportView } from './dto/cycle-report.view';

@ApiTags('cycle records')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId')
export class CycleDocumentsController {
  constructor(
    private readonly documents: CycleDocumentsService,
    private readonly reports: CycleReportService,
    private readonly official: CycleOfficialDocumentsService,
    private readonly year: YearDocumentsService,
    private readonly nonconformities: NonconformityReportsService,
  ) {}

  @Get('decision')
  @ApiOperation({
    summary:
      'The decision approving the year’s objectives: number, signer, signing (= effective) date, the objectives',
    description: `${NEGOTIATED} The document is the decision in Decree 30 form, worded from the approved draft.`,
  })
  @ApiNegotiatedDocument(DecisionView, 'The record (application/json), or the decision (PDF, DOCX)')
  async decision(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<DecisionView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    if (format === 'json') return this.documents.decision(caller, cycleId);
    return documentAnswer(response, await this.official.decisionFile(caller, cycleId, format));
  }

  @Get('measurements')
  @ApiOperation({ summary: 'The figures reported for each indicator and period (late ones marked)' })
  @ApiOkResponse({ type: MeasurementPage })
  @ApiErrors(400, 401, 403, 404)
  measurements(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Query() query: MeasurementQuery,
  ): Promise<MeasurementPage> {
    return this.documents.measurements(caller, cycleId, query);
  }

  @Get('objectives')
  @ApiOperation({
    summary:
      'The approved objectives: indicators and targets, unit and assignee, figures per period, current status and its history',
  })
  @ApiOkResponse({ type: [ObjectiveView] })
  @ApiErrors(401, 403, 404)
  objectives(@CurrentUser() caller: Principal, @Param('cycleId') cycleId: string): Promise<ObjectiveView[]> {
    return this.documents.objectives(caller, cycleId);
  }

  @Get('objectives/:objectiveId')
  @ApiOperation({ summary: 'One approved objective, as in the list' })
  @ApiOkResponse({ type: ObjectiveView })
  @ApiErrors(401, 403, 404)
  objective(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('objectiveId') objectiveId: string,
  ): Promise<ObjectiveView> {
    return this.documents.objective(caller, cycleId, objectiveId);
  }

  @Get('tasks-by-unit')
  @ApiOperation({
    summary:
      "The year's tasks so far by unit: given, completed, completed late, escalated, urged (as the management review counts them)",
    description:
      'One item per unit with tasks in the year, by unit code; then the tasks that are no unit’s work (the leaders’, the ' +
      'Quality Representative’s and the auditors’: `unitCode: null`). A task counts for the unit whose work it is, whoever holds it now.',
  })
  @ApiOkResponse({ type: [UnitTasksView] })
  @ApiErrors(401, 403, 404)
  tasksByUnit(@CurrentUser() caller: Principal, @Param('cycleId') cycleId: string): Promise<UnitTasksView[]> {
    return this.documents.tasksByUnit(caller, cycleId);
  }

  @Get('audit')
  @ApiOperation({
    summary: 'The internal audit: plan, checklist steps with their sign-offs, corrective actions, report',
    description: `${NEGOTIATED} The document is the audit report (scope, criteria, auditors, units, each step's result and finding, corrective actions, conclusion), 404 until the lead auditor closes the audit.`,
  })
  @ApiNegotiatedDocument(AuditView, 'The record (application/json), or the audit report (PDF, DOCX)')
  async audit(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AuditView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const audit = await this.documents.audit(caller, cycleId);
    if (format === 'json') return audit;
    return documentAnswer(
      response,
      await this.official.auditFile(caller, cycleId, audit, 'audit-report', format),
    );
  }

  @Get('audit/plan')
  @ApiOperation({
    summary: 'The internal audit plan (ISO 9.2.2): scope, criteria, methods, dates, audit team, schedule',
    description: `${NEGOTIATED} In JSON the audit record (as \`/audit\`); the document is the plan, signed by the lead auditor. 404 until the audit is planned.`,
  })
  @ApiNegotiatedDocument(AuditView, 'The record (application/json), or the audit plan (PDF, DOCX)')
  async auditPlan(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<AuditView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const audit = await this.documents.audit(caller, cycleId);
    if (!audit.plan) throw new QcycleError(QcycleErrorCode.NotFound, 'auditNotPlanned', { cycleId });
    if (format === 'json') return audit;
    return documentAnswer(
      response,
      await this.official.auditFile(caller, cycleId, audit, 'audit-plan', format),
    );
  }

  @Get('audit/steps/:stepId/nonconformity')
  @ApiOperation({
    summary:
      'The nonconformity raised at a checklist step and its corrective action (ISO 10.2): finding and grade, correction, cause, action, owner, due date, verification, status',
    description: `${NEGOTIATED} The document is the nonconformity and corrective-action form (Phiếu báo cáo sự không phù hợp và hành động khắc phục), signed by the auditor. 404 until the step's finding is raised (a step that found none stays 404).`,
  })
  @ApiNegotiatedDocument(NonconformityView, 'The record (application/json), or the form (PDF, DOCX)')
  async nonconformity(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('stepId') stepId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<NonconformityView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const nonconformity = await this.nonconformities.nonconformity(caller, cycleId, stepId);
    if (format === 'json') return nonconformity;
    return documentAnswer(
      response,
      await this.nonconformities.nonconformityFile(caller, cycleId, nonconformity, format),
    );
  }

  @Get('review')
  @ApiOperation({
    summary: 'The management review: compiled inputs (ISO 9.3.2), outputs (9.3.3) and actions',
    description: `${NEGOTIATED} The document is the review's minutes (date, chair, every 9.3.2 input, the 9.3.3 outputs, the 9.3.1 conclusion, the actions), 404 until the review is held.`,
  })
  @ApiNegotiatedDocument(ReviewView, 'The record (application/json), or the minutes (PDF, DOCX)')
  async review(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<ReviewView | StreamableFile> {
    const format = negotiatedFormat(request, response);
    const review = await this.documents.review(caller, cycleId);
    if (format === 'json') return review;
    return documentAnswer(response, await this.year.reviewMinutesFile(caller, cycleId, review, format));
  }

  @Get('results')
  @ApiOperation({ summary: "The year's result per objective (written at close; empty before)" })
  @ApiOkResponse({ type: [ObjectiveResultView] })
  @ApiErrors(401, 403, 404)
  results(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
  ): Promise<ObjectiveResultView[]> {
    return this.documents.results(caller, cycleId);
  }

  @Get('report')
  @ApiOperation({
    summary:
      "The year's report in one document: decision, objectives with their figures and status or result, internal audit, management review",
    description:
      'JSON by default. With `Accept: text/html` (a browser), a printable Vietnamese page. ' +
      `With \`Accept: ${PDF_TYPE}\` or \`${DOCX_TYPE}\` the year's objectives report (each objective's indicators, target, ` +
      'figures per period, cumulative result and verdict, a chart of each indicator against its target), registered ' +
      'like the decision (`x-document-id`, `x-document-version`, `x-content-sha256`). ' +
      `${BEFORE_THE_CLOSE} ` +
      'Available once the decision exists; a step not reached yet is `null` (“Chưa thực hiện” in the page).',
  })
  @ApiProduces('application/json', 'text/html', PDF_TYPE, DOCX_TYPE)
  @ApiOkResponse({
    type: CycleReportView,
    description:
      'The report (application/json), the same as a printable page (text/html), or the objectives report (PDF, DOCX)',
  })
  @ApiErrors(401, 403, 404)
  @ApiDocumentsUnavailable()
  async report(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CycleReportView | string | StreamableFile> {
    const report = await this.reports.report(caller, cycleId);
    // Content negotiation: JSON unless the client prefers HTML (a browser's Accept does; `*/*` does not)
    // or one of the document's formats.
    response.vary('Accept');
    const chosen = request.accepts(['application/json', 'text/html', PDF_TYPE, DOCX_TYPE]);
    if (chosen === PDF_TYPE || chosen === DOCX_TYPE)
      return documentAnswer(
        response,
        await this.year.objectivesReportFile(caller, report, chosen === PDF_TYPE ? 'pdf' : 'docx'),
      );
    if (chosen !== 'text/html') return report;
    response.type('html');
    const enteredBy = report.decision.enteredBy;
    const [unitNames, enteredByName] = await Promise.all([
      this.documents.unitNames(caller),
      enteredBy ? this.documents.personName(caller, enteredBy) : undefined,
    ]);
    return renderCycleReportHtml(report, unitNames, enteredByName);
  }
}
