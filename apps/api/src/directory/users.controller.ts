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
import { DirectoryService, USER_DIRECTORY_READERS } from './directory.service';
import {
  CreateUserDto,
  RoleAssignmentView,
  RoleGrantDto,
  UpdateUserDto,
  UserListQuery,
  UserPage,
  UserView,
} from './dto/directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles(...USER_DIRECTORY_READERS)
  @ApiOperation({ summary: "Your organisation's users, by name; filter by unit, role, active, text" })
  @ApiOkResponse({ type: UserPage })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() caller: Principal, @Query() query: UserListQuery): Promise<UserPage> {
    return this.directory.listUsers(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One user with their roles (yourself; anyone for the administrator, the Quality Representative and the external auditor, who read the list)',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(401, 403, 404)
  get(@CurrentUser() caller: Principal, @Param('id') id: string): Promise<UserView> {
    return this.directory.getUser(caller, id);
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a user (with a password for local login, or none for SSO) and their roles' })
  @ApiCreatedResponse({ type: UserView })
  @ApiErrors(400, 401, 403, 409, 422, 429)
  create(
    @CurrentUser() caller: Principal,
    @Body() body: CreateUserDto,
    @Attributed() by: Attribution,
  ): Promise<UserView> {
    return this.directory.createUser(caller, body, by);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Change a user: name, title, unit, language, password; active=false deactivates (users are never deleted)',
  })
  @ApiOkResponse({ type: UserView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  update(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
    @Attributed() by: Attribution,
  ): Promise<UserView> {
    return this.directory.updateUser(caller, id, body, by);
  }

  @Get(':id/roles')
  @Roles('admin', 'external-auditor')
  @ApiOperation({ summary: "A user's role assignments" })
  @ApiOkResponse({ type: [RoleAssignmentView] })
  @ApiErrors(401, 403, 404)
  roles(@CurrentUser() caller: Principal, @Param('id') id: string): Promise<RoleAssignmentView[]> {
    return this.directory.listRoles(caller, id);
  }

  @Post(':id/roles')
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({ summary: 'Give a user a role (unit-head with the unit they lead)' })
  @ApiCreatedResponse({ type: RoleAssignmentView })
  @ApiErrors(400, 401, 403, 404, 409, 422, 429)
  grant(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
    @Body() body: RoleGrantDto,
    @Attributed() by: Attribution,
  ): Promise<RoleAssignmentView> {
    return this.directory.grantRole(caller, id, body, by);
  }

  @Delete(':id/roles/:assignmentId')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take a role away' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(401, 403, 404, 409, 429)
  async revoke(
    @CurrentUser() caller: Principal,
    @Param('id') id: string,
    @Param('assignmentId') assignmentId: string,
    @Attributed() by: Attribution,
  ): Promise<void> {
    await this.directory.revokeRole(caller, id, assignmentId, by);
  }
}
