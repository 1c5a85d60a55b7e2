import { Controller, Delete, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { calendarFile } from '../common/calendar-file';
import { ApiErrors, ErrorView } from '../common/error-responses';
import { CalendarFeedCreatedView, CalendarFeedView } from './calendar-feed.view';
import { CalendarFeedsService } from './calendar-feeds.service';

/**
 * My deadlines as a calendar feed (docs/notifications.md "A calendar feed of my deadlines"). The
 * address is managed signed in (not from a task-link session: 403 TASK_LINK_SCOPE); the feed itself
 * is fetched by calendar apps, which do not sign in: its address's token is the key.
 */
@ApiTags('calendar-feeds')
@Controller('api/v1')
export class CalendarFeedsController {
  constructor(private readonly feeds: CalendarFeedsService) {}

  @Get('me/calendar-feed')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether I have a calendar feed of my deadlines, and since when' })
  @ApiOkResponse({ type: CalendarFeedView })
  @ApiErrors(401, 403)
  status(@CurrentUser() caller: Principal): Promise<CalendarFeedView> {
    return this.feeds.status(caller);
  }

  @Post('me/calendar-feed')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A new address for my calendar feed, shown this once; the address before it stops',
    description:
      'The feed holds my open tasks with a due date, as they stand when the calendar app fetches it (about hourly). Only a hash of the address is kept: lost, make a new one.',
  })
  @ApiCreatedResponse({ type: CalendarFeedCreatedView })
  @ApiErrors(401, 403, 429)
  create(@CurrentUser() caller: Principal): Promise<CalendarFeedCreatedView> {
    return this.feeds.create(caller);
  }

  @Delete('me/calendar-feed')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop my calendar feed: its address answers 404 from now on (none: the same)' })
  @ApiNoContentResponse({ description: 'No feed now' })
  @ApiErrors(401, 403, 429)
  async remove(@CurrentUser() caller: Principal): Promise<void> {
    await this.feeds.remove(caller);
  }

  @Get('calendar-feeds/:token/deadlines.ics')
  @Public()
  @ApiOperation({
    summary:
      "A person's open tasks with a due date and their organisation's year milestones, as a calendar feed (no sign-in: the token is the key)",
    description:
      'iCalendar (RFC 5545), one event per task at its due instant (UID <taskId>@qcycle, as the mails’ entries), then the internal audit window, the management review and the close of each year running or closed within the last twelve months (UID <cycleId>/<milestone>@qcycle, as the dashboard’s calendar file), in the holder’s language, refreshed hourly. 404 for an unknown, replaced or removed address, and for someone no longer active; 503 WORKFLOW_UNAVAILABLE when a running year’s dates cannot be read now (the calendar app keeps what it had).',
  })
  @ApiParam({ name: 'token', description: 'The secret part of the address', example: '3q2-…' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The feed (text/calendar)' })
  @ApiErrors(404)
  @ApiResponse({
    status: 503,
    description: "A year's dates cannot be read now (WORKFLOW_UNAVAILABLE); the calendar app tries again",
    type: ErrorView,
  })
  async calendar(@Param('token') token: string): Promise<StreamableFile> {
    return calendarFile(await this.feeds.calendar(token), 'deadlines.ics', 'inline');
  }
}
