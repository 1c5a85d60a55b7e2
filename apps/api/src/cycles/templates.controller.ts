import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { TEMPLATES } from '@qcycle/domain';
import { ApiErrors } from '../common/error-responses';
import { LocalizedNameView } from '../directory/dto/directory.dto';

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
}
