import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { CycleView } from './dto/cycle.view';
import { NextYearDraftView, StartNextYearDto } from './dto/next-year.dto';
import { NextYearService } from './next-year.service';

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/next-year')
export class NextYearController {
  constructor(private readonly nextYear: NextYearService) {}

  @Get()
  @Roles('quality-representative', 'admin', 'leader', 'external-auditor')
  @ApiOperation({
    summary: "Next year's draft: from this year's approved decision, and as prepared at the close",
    description:
      "The year's approved decision (objectives, indicators, targets) moved to next year. At the close it is prepared with the management review's actions and their status (`final: true`); before, from the approval on, it is made from the decision alone (`final: false`), so next year can be approved in December while this year runs to its close. 404 before this year's objectives are approved (and for a cancelled year).",
  })
  @ApiOkResponse({ type: NextYearDraftView })
  @ApiErrors(401, 403, 404)
  draft(@CurrentUser() caller: Principal, @Param('cycleId') cycleId: string): Promise<NextYearDraftView> {
    return this.nextYear.draft(caller, cycleId);
  }

  @Post()
  @Roles('quality-representative', 'admin')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Start next year's cycle from next year's draft (the Quality Representative or an administrator)",
    description:
      "One action: next year's cycle starts from the draft GET answers (its objectives, scope, legal bases, recipients and Quality Representative's title as edited, where given: 422 DRAFT_INVALID naming each refused field, nothing started), with the directory's roster and the organisation's calendar for that year. This year's review actions are next year's review input 'status of previous actions' (ISO 9.3.2 a): given at the start after the close, read from the close's draft at next year's review when started before. 404 before this year's objectives are approved; 409 when next year's cycle exists.",
  })
  @ApiCreatedResponse({ type: CycleView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  start(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: StartNextYearDto,
  ): Promise<CycleView> {
    return this.nextYear.start(caller, cycleId, body);
  }
}
