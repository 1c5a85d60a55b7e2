import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TEMPLATES } from '@qcycle/domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors } from '../common/error-responses';
import { LocalizedNameView } from '../directory/dto/directory.dto';
import { TemplateDraftQuery, TemplateDraftView } from './dto/template-draft.view';
import { StartDraftsService } from './start-drafts.service';

export class CycleTemplateView {
  @ApiProperty({ example: 'kontum-2024' })
  id!: string;

  @ApiProperty({ type: LocalizedNameView })
  title!: LocalizedNameView;

  @ApiProperty({ example: 5, description: 'How many objectives the draft has' })
  objectives!: number;
}

@ApiTags('cycles')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(private readonly drafts: StartDraftsService) {}

  @Get()
  @ApiOperation({ summary: 'Ready-made drafts a cycle can start from (templateId of POST /api/v1/cycles)' })
  @ApiOkResponse({ type: [CycleTemplateView] })
  @ApiErrors(401, 403)
  list(): CycleTemplateView[] {
    return TEMPLATES.map((t) => ({
      id: t.id,
      title: { vi: t.title.vi, en: t.title.en },
      objectives: t.draft.objectives.length,
    }));
  }

  @Get(':templateId/draft')
  @Roles('quality-representative')
  @ApiOperation({
    summary: 'A template as your organisation would start a year from it, to read or edit first',
    description:
      "The draft POST /api/v1/cycles uses for this templateId and year (the Quality Representative): the template moved to the year, issued under your organisation's name, its units your directory's. Edit its objectives and send it as `draft` to start from your own. 404 for an unknown template; 400 naming year.",
  })
  @ApiOkResponse({ type: TemplateDraftView })
  @ApiErrors(400, 401, 403, 404)
  draft(
    @CurrentUser() caller: Principal,
    @Param('templateId') templateId: string,
    @Query() query: TemplateDraftQuery,
  ): Promise<TemplateDraftView> {
    return this.drafts.fromTemplate(templateId, query.year, caller.organisationCode);
  }
}
