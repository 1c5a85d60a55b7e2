import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiWorkflowUpdateErrors } from '../common/error-responses';
import { CorrectMeasurementDto, MeasurementCorrectedView } from './dto/correct-measurement.dto';
import { MeasurementCorrectionsService } from './measurement-corrections.service';

@ApiTags('cycle records')
@ApiBearerAuth()
@Controller('api/v1/cycles/:cycleId/objectives/:objectiveId/measurements')
export class MeasurementCorrectionsController {
  constructor(private readonly corrections: MeasurementCorrectionsService) {}

  // No role: who may correct is the period's reporter or the head of the objective's unit, which
  // only the monitoring workflow knows (403 from its validator).
  @Post(':periodKey/correct')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Correct a period's reported figures before the year closes, with a reason (the period's reporter or the head of the objective's unit); recorded as measurement.corrected with both values, and the objective's status evaluated again",
    description:
      '400 naming the fields (figures, reason); 403 for anyone but the reporter or the unit head; 404 for an unknown cycle, objective or period; 409 when the period is not reported yet or the year is closed; 422 RULE_VIOLATED with details.problems ({ path, code, reason }) for figures that do not fit the indicators or equal the recorded ones. Retrying with the same x-request-id corrects once.',
  })
  @ApiOkResponse({ type: MeasurementCorrectedView })
  @ApiWorkflowUpdateErrors('repeat the request with the same x-request-id')
  correct(
    @CurrentUser() caller: Principal,
    @Param('cycleId') cycleId: string,
    @Param('objectiveId') objectiveId: string,
    @Param('periodKey') periodKey: string,
    @Body() body: CorrectMeasurementDto,
    @RequestId() requestId: string,
  ): Promise<MeasurementCorrectedView> {
    return this.corrections.correct(caller, cycleId, objectiveId, periodKey, body, requestId);
  }
}
