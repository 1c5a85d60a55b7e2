import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
// Renamed: as bare `Request` the parameter metadata would name the fetch global.
import type { Request as HttpRequest } from 'express';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { callerLanguage } from '../common/caller-language';
import { ApiWorkflowUpdateErrors } from '../common/error-responses';
import { HandOverTasksDto, TaskHandoverView } from './dto/task-handover.dto';
import { TaskHandoversService } from './task-handovers.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/handovers')
export class TaskHandoversController {
  constructor(private readonly handovers: TaskHandoversService) {}

  @Post()
  @Roles('quality-representative', 'unit-head')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Hand all of one person's open tasks in a cycle to someone else at once (someone who left): the Quality Representative, or a unit head for their units' tasks",
    description:
      "Each open task fromUserId holds in the cycle (a unit head's: those of the units they head; with unitCode, only that unit's work, as when a unit's work moves from one of its heads to another mid-year) is reassigned as POST /tasks/{taskId}/reassign would: the workflow checks the person for that task, the previous holder stays a delegate, a report taken from someone no longer active takes the objective's later reports with it, each is recorded (task.reassigned, with this request's id) and notified. What the year opens later follows too: unitsTakenOver (a unit's work) and rolesTakenOver (the Quality Representative's or the leader's role, when the Quality Representative hands over all the tasks of someone the directory no longer gives it to, to someone it does). 200 with handedOver and refused: what the workflow refuses (an approval to someone not a leader, an audit step to someone not an auditor or of the audited unit) and a task no longer open (completed meanwhile) stay listed in refused with the code and reasons the single route would answer. 422 RULE_VIOLATED naming toUserId when the person is not an active user of your organisation, or is fromUserId, or naming unitCode for a unit not of your organisation; 403 for a unit head naming a unit they do not head; 404 for a cycle not of your organisation. Retrying with the same x-request-id hands nothing over twice and lists again what the first attempt handed over. 503 when a workflow did not answer in time: repeat with the same x-request-id.",
  })
  @ApiOkResponse({ type: TaskHandoverView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  handOver(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: HandOverTasksDto,
    @RequestId() requestId: string,
    @Req() request: HttpRequest,
  ): Promise<TaskHandoverView> {
    return this.handovers.handOver(caller, cycleId, body, requestId, callerLanguage(request));
  }
}
