import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Attributed, CurrentUser, Roles, type Attribution } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { PageQueryDto } from '../common/pagination';
import { DirectoryService } from './directory.service';
import {
  CreateOrganisationDto,
  OrganisationPage,
  OrganisationView,
  UpdateOrganisationDto,
} from './dto/directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Organisations you can see: your own (every organisation is closed to the others)',
  })
  @ApiOkResponse({ type: OrganisationPage })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() caller: Principal, @Query() query: PageQueryDto): Promise<OrganisationPage> {
    return this.directory.listOrganisations(caller, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Your organisation' })
  @ApiOkResponse({ type: OrganisationView })
  @ApiErrors(401, 403, 404)
  get(@CurrentUser() caller: Principal, @Param('code') code: string): Promise<OrganisationView> {
    return this.directory.getOrganisation(caller, code);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Create an organisation with its own first administrator',
    description:
      "Only an administrator of an organisation that operates the install (ORGANISATION_CREATORS): anyone else gets 403 with details.reason ORGANISATION_CREATOR_ONLY. You do not gain access to it: it administers itself. Recorded as organisation.created in both organisations' directory logs.",
  })
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiErrors(400, 401, 403, 409, 429)
  create(
    @CurrentUser() caller: Principal,
    @Body() body: CreateOrganisationDto,
    @Attributed() by: Attribution,
  ): Promise<OrganisationView> {
    return this.directory.createOrganisation(body, by, caller);
  }

  @Patch(':code')
  @Roles('admin')
  @ApiOperation({ summary: "Rename your organisation (its code never changes: it is in every cycle's id)" })
  @ApiOkResponse({ type: OrganisationView })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  update(
    @CurrentUser() caller: Principal,
    @Param('code') code: string,
    @Body() body: UpdateOrganisationDto,
    @Attributed() by: Attribution,
  ): Promise<OrganisationView> {
    return this.directory.updateOrganisation(caller, code, body, by);
  }
}
