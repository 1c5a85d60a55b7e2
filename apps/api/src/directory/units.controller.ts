import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Attributed, CurrentUser, Roles, type Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { DirectoryService } from './directory.service';
import { CreateUnitDto, UnitListQuery, UnitPage, UnitView, UpdateUnitDto } from './dto/directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOperation({ summary: "Your organisation's units, by code; filter by parent or text" })
  @ApiOkResponse({ type: UnitPage })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() caller: Principal, @Query() query: UnitListQuery): Promise<UnitPage> {
    return this.directory.listUnits(caller, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One unit of your organisation' })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(401, 403, 404)
  get(@CurrentUser() caller: Principal, @Param('code') code: string): Promise<UnitView> {
    return this.directory.getUnit(caller, code);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a unit to your organisation' })
  @ApiCreatedResponse({ type: UnitView })
  @ApiErrors(400, 401, 403, 409, 422, 429)
  create(
    @CurrentUser() caller: Principal,
    @Body() body: CreateUnitDto,
    @Attributed() by: Attribution,
  ): Promise<UnitView> {
    return this.directory.createUnit(caller, body, by);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({
    summary: 'Rename a unit, move it under another, or choose which of its heads takes its work',
  })
  @ApiOkResponse({ type: UnitView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  update(
    @CurrentUser() caller: Principal,
    @Param('code') code: string,
    @Body() body: UpdateUnitDto,
    @Attributed() by: Attribution,
  ): Promise<UnitView> {
    return this.directory.updateUnit(caller, code, body, by);
  }

  @Delete(':code')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an empty unit (no members, sub-units or unit head)',
    description:
      'Refused with 409 CONFLICT while a running cycle still depends on the unit (an objective delegated to it, or an open task of it): details.cycles names those cycles, details.openTasks counts the tasks. A unit merged into another keeps its code until the year is over.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(401, 403, 404, 409, 429)
  async remove(
    @CurrentUser() caller: Principal,
    @Param('code') code: string,
    @Attributed() by: Attribution,
  ): Promise<void> {
    await this.directory.deleteUnit(caller, code, by);
  }
}
