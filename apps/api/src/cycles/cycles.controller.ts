import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CycleView } from './dto/cycle.view';
import { StartCycleDto } from './dto/start-cycle.dto';
import { CyclesService } from './cycles.service';

@ApiTags('cycles')
@Controller('api/v1/cycles')
export class CyclesController {
  constructor(private readonly cycles: CyclesService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: "Start an organisation's quality cycle for a year" })
  @ApiCreatedResponse({ type: CycleView })
  @ApiBadRequestResponse({ description: 'A field is missing or malformed; details.fields names each one' })
  @ApiConflictResponse({ description: "That organisation's cycle for that year already exists; details.cycleId names it" })
  start(@Body() request: StartCycleDto): Promise<CycleView> {
    return this.cycles.start(request, 'anonymous');
  }

  @Get(':cycleId')
  @ApiOperation({ summary: 'A cycle as recorded, with its live state from the workflow' })
  @ApiOkResponse({ type: CycleView })
  @ApiNotFoundResponse({ description: 'No such cycle' })
  get(@Param('cycleId') cycleId: string): Promise<CycleView> {
    return this.cycles.get(cycleId);
  }
}
