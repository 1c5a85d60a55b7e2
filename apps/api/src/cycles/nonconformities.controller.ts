import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors, ApiWorkflowUpdateErrors } from '../common/error-responses';
import { CycleNonconformityList, NonconformityOpenedView, OpenNonconformityDto } from './nonconformities.dto';
import { NonconformitiesService } from './nonconformities.service';

@ApiTags('cycle records')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/nonconformities')
export class NonconformitiesController {
  constructor(private readonly nonconformities: NonconformitiesService) {}

  @Post()
  @Roles('quality-representative')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Open a nonconformity from a missed objective, a complaint, an external audit finding or an observation (the Quality Representative); its corrective action follows the audit findings’ flow (ISO 10.2)',
    description:
      "Recorded as nonconformity.opened; the unit head gets the corrective-action plan task, and the verifier (verifierUserId, else the Quality Representative) verifies effectiveness. 400 naming the fields (source, description, unitCode, severity…); 422 RULE_VIOLATED with details.problems for a unit or a verifier not in the cycle; 403 for anyone but the cycle's Quality Representative; 404 for an unknown cycle; 409 once the cycle is closing or no longer running. Retrying with the same x-request-id opens one.",
  })
  @ApiCreatedResponse({ type: NonconformityOpenedView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  open(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Body() body: OpenNonconformityDto,
    @RequestId() requestId: string,
  ): Promise<NonconformityOpenedView> {
    return this.nonconformities.open(caller, cycleId, body, requestId);
  }

  @Get()
  @ApiOperation({
    summary:
      "Every nonconformity of the cycle, audit findings included, with its source and its corrective action's state",
  })
  @ApiOkResponse({ type: CycleNonconformityList })
  @ApiErrors(401, 403, 404)
  list(@CurrentUser() caller: Principal, @Param('cycleId') cycleId: string): Promise<CycleNonconformityList> {
    return this.nonconformities.list(caller, cycleId);
  }
}
