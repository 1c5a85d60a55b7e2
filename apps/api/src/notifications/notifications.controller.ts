import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { calendarFile } from '../common/calendar-file';
import { ApiErrors } from '../common/error-responses';
import {
  MyNotificationsQuery,
  NotificationPage,
  NotificationsMarkedView,
  NotificationView,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

const NOTIFICATION_ID_PARAM = {
  name: 'notificationId',
  description: 'The notification id, URL-encoded (it contains slashes)',
  example: 'quality-cycle%2Fkontum%2F2024%2Fapproval%2Fround-1%2Fassigned',
};

/** The web app's bell. Not for task-link sessions (the guard answers them 403 TASK_LINK_SCOPE). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({
    summary: 'My notifications, newest first (unread=true for the unread ones), with how many are unread',
  })
  @ApiOkResponse({ type: NotificationPage })
  @ApiErrors(400, 401, 403)
  mine(@CurrentUser() caller: Principal, @Query() query: MyNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.mine(caller, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my unread notifications read' })
  @ApiOkResponse({ type: NotificationsMarkedView })
  @ApiErrors(401, 403, 429)
  async markAllRead(@CurrentUser() caller: Principal): Promise<NotificationsMarkedView> {
    return { marked: await this.notifications.markAllRead(caller) };
  }

  @Get(':notificationId/calendar')
  @ApiOperation({
    summary: "The calendar entry one of my notices carried: its task's deadline, or its cancellation",
    description:
      'iCalendar (RFC 5545), as it was mailed with the notice (docs/notifications.md): to add the deadline from the web app, for whoever has no e-mail address or lost the mail. 404 for a notice without one (calendarEntry false), as for someone else’s.',
  })
  @ApiParam(NOTIFICATION_ID_PARAM)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The entry, as an attachment (han-viec.ics)' })
  @ApiErrors(401, 403, 404)
  async calendar(
    @CurrentUser() caller: Principal,
    @Param('notificationId') notificationId: string,
  ): Promise<StreamableFile> {
    return calendarFile(await this.notifications.calendar(caller, notificationId), 'han-viec.ics');
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications read (again: no change, same answer)' })
  @ApiParam(NOTIFICATION_ID_PARAM)
  @ApiOkResponse({ type: NotificationView })
  @ApiErrors(401, 403, 404, 429)
  markRead(
    @CurrentUser() caller: Principal,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationView> {
    return this.notifications.markRead(caller, notificationId);
  }
}
