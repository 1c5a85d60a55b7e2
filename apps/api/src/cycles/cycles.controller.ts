import type { Request as HttpRequest } from 'express';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { parseQualityCycleId, QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import { EVENT_LOG_READERS } from '../auth/event-log-readers';
import type { Principal } from '../auth/principal';
import { calendarFile } from '../common/calendar-file';
import { callerLanguage } from '../common/caller-language';
import { ApiErrors, ApiWorkflowUpdateErrors, ErrorView } from '../common/error-responses';
import {
  CancelCycleDto,
  CancelCycleView,
  CycleListQuery,
  CyclePage,
  DiscardRehearsalDto,
  DiscardRehearsalView,
  EventLogPage,
  EventLogQuery,
} from './dto/cycle-list.dto';
import { CycleView } from './dto/cycle.view';
import { CycleDatesMovedView, MoveCycleDatesDto } from './dto/move-cycle-dates.dto';
import { CycleDatesService } from './cycle-dates.service';
import { StartCycleDto } from './dto/start-cycle.dto';
import { CycleRecordsService } from './cycle-records.service';
import { CyclesService } from './cycles.service';
import { DirectoryRosterService } from './directory-roster.service';
import { RehearsalDiscardService } from './rehearsal-discard.service';
import { StartDraftsService } from './start-drafts.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/cycles')
export class CyclesController {
  constructor(
    private readonly cycles: CyclesService,
    private readonly records: CycleRecordsService,
    private readonly rosters: DirectoryRosterService,
    private readonly dates: CycleDatesService,
    private readonly discards: RehearsalDiscardService,
    private readonly drafts: StartDraftsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Your organisation's cycles as recorded, newest year first; filter by year, phase, status",
  })
  @ApiOkResponse({ type: CyclePage })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() caller: Principal, @Query() query: CycleListQuery): Promise<CyclePage> {
    return this.records.list(caller, query);
  }

  @Post()
  @Roles('quality-representative')
  @HttpCode(201)
  @ApiOperation({
    summary: "Start your organisation's quality cycle for a year (the Quality Representative)",
    description:
      "From a template (templateId, default kontum-2024: moved to the year, under your organisation's name and units, as GET /api/v1/templates/{templateId}/draft shows it) or your own draft. The roster (leader, Quality Representative, unit heads and staff, auditors) is taken from the directory; the Quality Representative is you (when several people hold the role, as while it is handed over, the one who starts the year is its Quality Representative); the leader who signs and approves is signerUserId, else the leader the draft names, else the only leader (422 RULE_VIOLATED naming signerUserId otherwise, or for a user who is not a leader). 422 ROSTER_INCOMPLETE names missing roles; 422 DRAFT_INVALID lists the draft problems; 409 when the year already has a cycle.",
  })
  @ApiCreatedResponse({ type: CycleView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  async start(@CurrentUser() caller: Principal, @Body() request: StartCycleDto): Promise<CycleView> {
    if (request.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.NotFound, 'organisation', { code: request.organisationCode });
    const draft = await this.drafts.forStart(request);
    // Who plays which role this year, from the directory as it is now (422 ROSTER_INCOMPLETE if a
    // role is missing); the leader is the signer requested or designated (422 naming signerUserId).
    const roster = await this.rosters.rosterFor(
      caller.organisationCode,
      { signerUserId: request.signerUserId, draftSignerName: draft.signer.name },
      caller.userId,
    );
    return this.cycles.start(request, caller.userId, roster, draft);
  }

  @Get(':cycleId')
  @ApiOperation({
    summary: 'A cycle of your organisation as recorded, with its live state from the workflow',
  })
  @ApiOkResponse({ type: CycleView })
  @ApiErrors(401, 403, 404)
  get(@CurrentUser() caller: Principal, @Param('cycleId') cycleId: string): Promise<CycleView> {
    // Another organisation's cycle is "not found", exactly like one that does not exist.
    if (parseQualityCycleId(cycleId)?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    return this.cycles.get(cycleId);
  }

  @Get(':cycleId/calendar')
  @ApiOperation({
    summary: "The year's milestones as a calendar file, for anyone in the organisation",
    description:
      "iCalendar (RFC 5545): the internal audit's window, the management review and the cycle's close, as all-day events on the dates the cycle goes by (moved ones included; a rehearsal's moved by its shift), with reminders, in the caller's language. Downloaded again after a date moved, it updates the same events; a cancelled year's file takes them out (METHOD:CANCEL). 404 for a cycle not of your organisation, or whose dates can no longer be read; 503 WORKFLOW_UNAVAILABLE when its workflow does not answer now (try again).",
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The file, as an attachment (chu-trinh-<year>.ics)' })
  @ApiErrors(401, 403, 404)
  @ApiResponse({
    status: 503,
    description: "The cycle's workflow did not answer now (WORKFLOW_UNAVAILABLE); try again in a moment",
    type: ErrorView,
  })
  async calendar(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Req() request: HttpRequest,
  ): Promise<StreamableFile> {
    if (parseQualityCycleId(cycleId)?.organisationCode !== caller.organisationCode)
      throw new QcycleError(QcycleErrorCode.CycleNotFound, 'default', { cycleId });
    const calendar = await this.cycles.calendar(cycleId, callerLanguage(request));
    return calendarFile(calendar, `chu-trinh-${parseQualityCycleId(cycleId)?.year}.ics`);
  }

  @Post(':cycleId/cancel')
  @Roles('quality-representative')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Cancel a running cycle (the Quality Representative): its open tasks are cancelled and the cycle recorded cancelled',
  })
  @ApiAcceptedResponse({ type: CancelCycleView })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  cancel(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: CancelCycleDto,
  ): Promise<CancelCycleView> {
    return this.records.cancel(caller, cycleId, body.reason);
  }

  @Post(':cycleId/discard')
  @Roles('quality-representative')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Discard a rehearsal that has ended, so that its year can be started again (the Quality Representative): its records are deleted, the discard (who, when, why) is kept',
    description:
      "409 CONFLICT with details.reason: NOT_A_REHEARSAL for a real year (its records are the QMS's and are kept), CYCLE_RUNNING while its workflow runs (cancel it first), NEXT_YEAR_STARTED once the next year has a cycle (it may continue this year's records). Then POST /cycles starts the year again.",
  })
  @ApiOkResponse({ type: DiscardRehearsalView })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  discard(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: DiscardRehearsalDto,
    @RequestId() requestId: string,
  ): Promise<DiscardRehearsalView> {
    return this.discards.discard(caller, cycleId, body.reason, requestId);
  }

  @Post(':cycleId/dates')
  @Roles('quality-representative')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move the internal audit window or the management review date of a running cycle, with a reason (the Quality Representative); recorded as cycle.dates-moved',
    description:
      'Give auditWindow, reviewDate or both. 422 RULE_VIOLATED with details.problems ({ path, code, reason }) when the dates no longer make a calendar (the window in the year and before the review, the review before the close); 409 once the phase has started or for a cycle that is not running (or started before moving existed). Retrying with the same x-request-id moves once.',
  })
  @ApiOkResponse({ type: CycleDatesMovedView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  moveDates(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: MoveCycleDatesDto,
    @RequestId() requestId: string,
  ): Promise<CycleDatesMovedView> {
    return this.dates.move(caller, cycleId, body, requestId);
  }

  @Get(':cycleId/events')
  @Roles(...EVENT_LOG_READERS)
  @ApiOperation({
    summary:
      'Who did what when in a cycle (the append-only event log), oldest first; filter by type, actor, time',
  })
  @ApiOkResponse({ type: EventLogPage })
  @ApiErrors(400, 401, 403, 404, 422)
  events(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Query() query: EventLogQuery,
  ): Promise<EventLogPage> {
    return this.records.events(caller, cycleId, query);
  }
}
