import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request` the parameter metadata would name the fetch global.
import type { Request as HttpRequest } from 'express';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { callerLanguage } from '../common/caller-language';
import { ApiWorkflowUpdateErrors } from '../common/error-responses';
import { UNIT_URGE_MAX_TASKS, UnitUrgeView, UrgeUnitTasksDto } from './dto/task-urges.dto';
import { TaskUrgesService } from './task-urges.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/urges')
export class TaskUrgesController {
  constructor(private readonly urges: TaskUrgesService) {}

  @Post()
  @Roles('quality-representative', 'unit-head')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Urge the assignees of several of a unit's open tasks at once (the Quality Representative, or the unit's head); one copy to the unit's heads lists them all",
    description: `Each task (1–${UNIT_URGE_MAX_TASKS}, all of them the unit's work in this cycle) is urged as POST /tasks/{taskId}/urge urges it: its assignee gets a mail with the task's link, your name and your note, the cycle's history records task.urged, once a day at most per task. Whoever answers for the unit (its heads, not you) gets one copy for the whole request instead of one per task, listing every task urged with its assignee and due date (copiedTo). 200 with urged and refused: a task urged less than a day ago (CONFLICT with urgedAt and againFrom), no longer open, or whose assignee left the directory stays in refused with the code and message the single urge would answer. 422 RULE_VIOLATED naming unitCode for a unit not of your organisation, or taskIds for a task that is not the unit's work in this cycle; 403 for a unit head naming a unit they do not head; 404 for a cycle not of your organisation. Retrying with the same x-request-id urges none twice and answers the same. 503 when a workflow did not answer in time: repeat with the same x-request-id.`,
  })
  @ApiOkResponse({ type: UnitUrgeView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  urgeUnit(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: UrgeUnitTasksDto,
    @RequestId() requestId: string,
    @Req() request: HttpRequest,
  ): Promise<UnitUrgeView> {
    return this.urges.urgeUnit(caller, cycleId, body, requestId, callerLanguage(request));
  }
}
