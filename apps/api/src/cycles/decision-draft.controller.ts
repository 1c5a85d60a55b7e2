import type { Request as HttpRequest, Response as HttpResponse } from 'express';
import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OpenableByTaskLink } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { CycleOfficialDocumentsService } from '../documents/cycle-official-documents.service';
import {
  ApiDocumentsUnavailable,
  documentAnswer,
  DOCX_TYPE,
  PDF_TYPE,
} from '../documents/document-negotiation';
import { TASK_ID_PARAM } from '../tasks/tasks.controller';
import { TasksService } from '../tasks/tasks.service';

const DRAFT =
  'PDF (the default) or DOCX by `Accept`, worded as it will be issued from the objectives of this task\'s round, the decision\'s number ("Số:        /QĐ-UBND") and the day and month of its date left blank, "DỰ THẢO" on every page, `x-document-status: draft`, never registered (the decision and its plan are registered, numbered, when the leader approves). For whoever may read the task, from its e-mail link too; 404 for a task of another kind.';

/**
 * A round of the objectives' approval (or its revision) as documents: the decision the leader is
 * asked to sign and the plan issued with it, drafts of what the round's objectives would issue
 * (docs/documents.md "The decision's draft, before it is signed"). The task's own, like its form.
 */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/v1/tasks/:taskId')
export class DecisionDraftController {
  constructor(
    private readonly tasks: TasksService,
    private readonly documents: CycleOfficialDocumentsService,
  ) {}

  @Get('decision-draft')
  @OpenableByTaskLink()
  @ApiOperation({
    summary:
      "The decision as this approval or revision round's objectives would issue it: a draft to read before signing",
    description: `The decision approving the objectives in Decree 30 form. ${DRAFT}`,
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiProduces(PDF_TYPE, DOCX_TYPE)
  @ApiOkResponse({
    description: 'The draft decision, as an attachment (QD-MUC-TIEU-CHAT-LUONG-<year>-DU-THAO)',
  })
  @ApiErrors(401, 403, 404)
  @ApiDocumentsUnavailable()
  decision(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    return this.draft(caller, taskId, 'decision', request, response);
  }

  @Get('plan-draft')
  @OpenableByTaskLink()
  @ApiOperation({
    summary:
      "The objectives' implementation plan issued with that decision, as this round would issue it: a draft",
    description: `The plan (ISO 6.2.2) attached to the decision, citing it by its blank number and date. ${DRAFT}`,
  })
  @ApiParam(TASK_ID_PARAM)
  @ApiProduces(PDF_TYPE, DOCX_TYPE)
  @ApiOkResponse({ description: 'The draft plan, as an attachment (KH-MUC-TIEU-CHAT-LUONG-<year>-DU-THAO)' })
  @ApiErrors(401, 403, 404)
  @ApiDocumentsUnavailable()
  plan(
    @CurrentUser() caller: Principal,
    @Param('taskId') taskId: string,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    return this.draft(caller, taskId, 'plan', request, response);
  }

  private async draft(
    caller: Principal,
    taskId: string,
    document: 'decision' | 'plan',
    request: HttpRequest,
    response: HttpResponse,
  ): Promise<StreamableFile> {
    const task = await this.tasks.visibleTask(caller, taskId);
    response.vary('Accept');
    const format = request.accepts([PDF_TYPE, DOCX_TYPE]) === DOCX_TYPE ? 'docx' : 'pdf';
    return documentAnswer(response, await this.documents.roundDraftFile(task, document, format));
  }
}
