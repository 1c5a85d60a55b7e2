import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TaskCompletionResult } from '@qcycle/contracts';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiWorkflowUpdateErrors } from '../common/error-responses';
import { TaskCompletionView } from '../tasks/dto/task.dto';
import { AuditActionsService } from './audit-actions.service';
import { CloseAuditDto, SignOffStepDto } from './dto/audit-actions.dto';

@ApiTags('cycle records')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/audit')
export class AuditActionsController {
  constructor(private readonly audits: AuditActionsService) {}

  @Post('steps/:stepId/sign-off')
  @Roles('auditor', 'lead-auditor')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign off my checklist step (never in my own unit): completes the step’s task; a repeat answers the same 200',
  })
  @ApiOkResponse({ type: TaskCompletionView })
  @ApiWorkflowUpdateErrors()
  signOff(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('stepId') stepId: string,
    @Body() body: SignOffStepDto,
    @RequestId() requestId: string,
  ): Promise<TaskCompletionResult> {
    return this.audits.signOff(caller, cycleId, stepId, body, requestId);
  }

  @Post('close')
  @Roles('lead-auditor')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit the internal audit report (the lead auditor): completes the latest audit-close task. The audit is closed when the Quality Representative or the leader approves the report (audit-report-approval task); a returned report is submitted again here.',
  })
  @ApiOkResponse({ type: TaskCompletionView })
  @ApiWorkflowUpdateErrors()
  close(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: CloseAuditDto,
    @RequestId() requestId: string,
  ): Promise<TaskCompletionResult> {
    return this.audits.close(caller, cycleId, body, requestId);
  }
}
