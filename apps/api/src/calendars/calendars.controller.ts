import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Attributed, CurrentUser, Roles, type Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { CalendarsService } from './calendars.service';
import { CalendarQuery, CalendarVersionList, CalendarView, SaveCalendarDto } from './dto/calendar.dto';

@ApiTags('calendars')
@ApiBearerAuth()
@Controller('api/v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get(':year')
  @Roles('admin', 'quality-representative', 'external-auditor')
  @ApiOperation({
    summary:
      "Your organisation's calendar for a year (the administrator or the Quality Representative; the external auditor reads it): the version in force, else the default; ?version=N an earlier one",
  })
  @ApiOkResponse({ type: CalendarView })
  @ApiErrors(400, 401, 403, 404)
  get(
    @CurrentUser() caller: Principal,
    @Param('year') year: string,
    @Query() query: CalendarQuery,
  ): Promise<CalendarView> {
    return this.calendars.get(caller.organisationCode, year, query.version);
  }

  @Get(':year/versions')
  @Roles('admin', 'quality-representative', 'external-auditor')
  @ApiOperation({ summary: "The saved versions of your organisation's calendar for a year, newest first" })
  @ApiOkResponse({ type: CalendarVersionList })
  @ApiErrors(401, 403, 404)
  versions(@CurrentUser() caller: Principal, @Param('year') year: string): Promise<CalendarVersionList> {
    return this.calendars.history(caller.organisationCode, year);
  }

  @Put(':year')
  @Roles('admin', 'quality-representative')
  @ApiOperation({
    summary:
      "Save your organisation's calendar for a year as a new version (the administrator or the Quality Representative); new cycles of the year use it, running ones are untouched",
    description:
      '422 RULE_VIOLATED with details.fields and details.problems ({ path, code, reason }) naming every field the calendar rules refuse: holidays in the year, named, not twice, an added day not already official, a removed day official; the audit window in the year, from ≤ to; the review after the window; the close after the review and the last report; the cut-off day 1–28; the working-day allowances. Recorded in the directory event log as calendar.saved. The same save sent again with its x-request-id (its answer lost) answers the version it saved, without a new one. 409 when another save of the same calendar happened at the same moment.',
  })
  @ApiOkResponse({ type: CalendarView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  save(
    @CurrentUser() caller: Principal,
    @Param('year') year: string,
    @Body() body: SaveCalendarDto,
    @Attributed() by: Attribution,
  ): Promise<CalendarView> {
    return this.calendars.save(caller.organisationCode, year, body, by);
  }
}
