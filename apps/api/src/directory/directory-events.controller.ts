import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { DirectoryService } from './directory.service';
import { DirectoryEventPage, DirectoryEventQuery } from './dto/directory.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory/events')
export class DirectoryEventsController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Roles('admin', 'external-auditor')
  @ApiOperation({
    summary:
      "Who changed what in your organisation's directory, when and from where (append-only), newest first",
  })
  @ApiOkResponse({ type: DirectoryEventPage })
  @ApiErrors(400, 401, 403)
  list(@CurrentUser() caller: Principal, @Query() query: DirectoryEventQuery): Promise<DirectoryEventPage> {
    return this.directory.events(caller, query);
  }
}
