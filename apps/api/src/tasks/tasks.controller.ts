import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type {
  TaskCommentResult,
  TaskCompletionResult,
  TaskReassignmentResult,
  TaskUrgeResult,
} from '@qcycle/contracts';
import { MeView } from '../auth/dto/me.view';
import {
  CurrentUser,
  LoginRoute,
  OpenableByTaskLink,
  Public,
  RequestId,
  Roles,
} from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors, ApiWorkflowUpdateErrors } from '../common/error-responses';
import {
  CommentTaskDto,
  CompleteTaskDto,
  MyTasksQuery,
  ReassignTaskDto,
  TaskCommentView,
  TaskCompletionView,
  TaskDetailView,
  TaskLinkExchangeDto,
  TaskLinkSessionView,
  TaskPage,
  TaskReassignmentView,
  TaskUrgeView,
  UrgeTaskDto,
} from './dto/task.dto';
import { TasksService } from './tasks.service';

export const TASK_ID_PARAM = {
  name: 'taskId',
  description: 'The task id, URL-encoded (it contains slashes)',
  example: 'quality-cycle%2Fkontum%2F2024%2Fapproval%2Fround-1',
};

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('me/tasks')
  @ApiOperation({
    summary: 'My inbox: tasks assigned or delegated to me (open by default; due=soon|overdue)',
  })
  @ApiOkResponse({ type: TaskPage })
  @ApiErrors(400, 401, 403, 422)
  mine(@CurrentUser() caller: Principal, @Query() query: MyTasksQuery): Promise<TaskPage> {
    return this.tasks.myTasks(caller, query);
  }

  @Post('tasks/:taskId/link-session')
  @Public()
  @LoginRoute()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Open a task from the link in its notification: a single-use signed link becomes a 30-minute session for that task only',
    description:
      '403 details.reason: TASK_LINK_MALFORMED, TASK_LINK_BAD_SIGNATURE, TASK_LINK_EXPIRED, TASK_LINK_WRONG_TASK; 409: TASK_LINK_ALREADY_USED, TASK_LINK_TASK_CLOSED (the task is completed, cancelled, expired or resolved: details.status), TASK_LINK_REASSIGNED (the task was given to someone else since the link was sent); sign in to see the task. No session is opened on any refusal. Throttled like login.',
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiOkResponse({ type: TaskLinkSessionView })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  async openFromLink(
    @Param('taskId') taskId: string,
    @Body() body: TaskLinkExchangeDto,
  ): Promise<TaskLinkSessionView> {
    const { principal, session, task } = await this.tasks.openFromLink(taskId, body.token);
    return { ...session, tokenType: 'Bearer', user: MeView.of(principal), task };
  }

  @Get('tasks/:taskId')
  @OpenableByTaskLink()
  @ApiOperation({
    summary:
      "A task with its form and history (yours, your unit's as its head, or any as Quality Representative or leader)",
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiOkResponse({ type: TaskDetailView })
  @ApiErrors(401, 403, 404)
  detail(@CurrentUser() caller: Principal, @Param('taskId') taskId: string): Promise<TaskDetailView> {
    return this.tasks.detail(caller, taskId);
  }

  @Post('tasks/:taskId/complete')
  @OpenableByTaskLink()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Complete my task: the owning workflow checks and applies the answer (Temporal Update, update id = task id)',
    description:
      "Its assignee or a delegate answers. The leader's objectives approval and management review may also be answered on paper: the year's Quality Representative enters the answer with outcome.onPaper = true (an approval then needs its signingDate; the decision names the leader as signer and the Quality Representative as enteredBy; the review is chaired by the leader); without onPaper their answer is 403. Repeating the same answer answers the same 200 (applied once). 422 when the workflow refuses the answer (details.problems).",
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiOkResponse({ type: TaskCompletionView })
  @ApiWorkflowUpdateErrors()
  complete(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Body() body: CompleteTaskDto,
    @RequestId() requestId: string,
  ): Promise<TaskCompletionResult> {
    return this.tasks.complete(caller, taskId, body.outcome, requestId);
  }

  @Post('tasks/:taskId/reassign')
  @Roles('quality-representative', 'unit-head')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Give an open task to someone else (the Quality Representative, or the head of the task's unit); recorded and notified",
    description:
      "To any active person of your organisation's directory now, including someone who joined after the year started. The previous assignee stays a delegate. 422 RULE_VIOLATED naming toUserId: details.fields when the person is not an active user of your organisation; details.problems when the workflow refuses them — the assignee already, someone who does not hold the leader role for the objectives approval and the management review, for an audit step someone who is not an auditor or works in the audited unit. A measurement report taken from someone no longer active in the directory (left, transferred) takes the objective's later reports with it; taken from someone still active, it is that period's only. Send ifAssignedTo, the assignee you saw: if someone else holds the task now (handed over meanwhile), 409 CONFLICT says who (details.currentAssignee) and nothing changes. Retrying with the same x-request-id reassigns once.",
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiOkResponse({ type: TaskReassignmentView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  reassign(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Body() body: ReassignTaskDto,
    @RequestId() requestId: string,
  ): Promise<TaskReassignmentResult> {
    return this.tasks.reassign(caller, taskId, body, requestId);
  }

  @Post('tasks/:taskId/urge')
  @Roles('quality-representative', 'unit-head', 'lead-auditor')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Urge the assignee of an open task to finish it (the Quality Representative, the head of the task's unit, or for an audit step the lead auditor of its audit); recorded and mailed",
    description:
      "The assignee gets a mail (đôn đốc) with the task's link, your name and your note; whoever answers for the task, if not you (the heads of its unit; for an audit step, the lead auditor of its audit), gets a copy saying whose task was urged (copiedTo). The cycle's history records task.urged, and the dashboard's open tasks say when (urgedAt). Once a day at most per task: sooner is 409 CONFLICT with details.urgedAt and details.againFrom. 409 when the task is no longer open, or its assignee has left the directory (hand it over instead). Retrying with the same x-request-id urges once.",
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiOkResponse({ type: TaskUrgeView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  urge(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Body() body: UrgeTaskDto,
    @RequestId() requestId: string,
  ): Promise<TaskUrgeResult> {
    return this.tasks.urge(caller, taskId, body.note, requestId);
  }

  @Post('tasks/:taskId/comments')
  @OpenableByTaskLink()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Write about an open task ("trao đổi"): its assignee asks, the head of its unit or the Quality Representative answers; recorded and mailed',
    description:
      "Whoever may see the task and act in the organisation writes: its assignee and delegates, the head of its unit, the Quality Representative, the leader (not the external auditor: 403). The message is in the task's history (task.commented, with whom it was sent to) and goes by mail, with the task's link, to the others in the conversation: the assignee and whoever wrote before; a message of the assignee or a delegate also to the head of the task's unit (else the Quality Representative). Nobody who left the directory is mailed. 409 when the task is no longer open. 400 naming text when it is empty or longer than 2000 characters. Retrying with the same x-request-id writes once.",
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiCreatedResponse({ type: TaskCommentView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  comment(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Body() body: CommentTaskDto,
    @RequestId() requestId: string,
  ): Promise<TaskCommentResult> {
    return this.tasks.comment(caller, taskId, body.text, requestId);
  }
}
