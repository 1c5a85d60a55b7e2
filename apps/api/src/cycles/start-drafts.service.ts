import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { TEMPLATES, type CycleDraft } from '@qcycle/domain';
import { OrganisationEntity, OrganisationUnitEntity } from '@qcycle/persistence';
import {
  draftForStart,
  templateDraftFor,
  unitsNotListed,
  type ListedOrganisation,
} from './cycle-draft-source';
import type { StartCycleDto } from './dto/start-cycle.dto';
import type { TemplateDraftView } from './dto/template-draft.view';

/**
 * The drafts a year starts from, made for the caller's organisation as its directory lists it: the
 * one a start uses, and the one the Quality Representative reads and edits before starting (the
 * same function, so what was read is what a start from the template would use). Next year's draft
 * is made the organisation's the same way (NextYearService).
 */
@Injectable()
export class StartDraftsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forStart(request: StartCycleDto): Promise<CycleDraft> {
    return draftForStart(request, await this.organisation(request.organisationCode));
  }

  async fromTemplate(templateId: string, year: number, organisationCode: string): Promise<TemplateDraftView> {
    if (!TEMPLATES.some((template) => template.id === templateId))
      throw new QcycleError(QcycleErrorCode.NotFound, 'template', { templateId });
    const organisation = await this.organisation(organisationCode);
    const draft = templateDraftFor(templateId, year, organisation);
    return {
      templateId,
      year,
      draft: draft as unknown as Record<string, unknown>,
      unitsNotInDirectory: unitsNotListed(draft, organisation),
    };
  }

  /** The organisation as its directory lists it now: its name and units. */
  async organisation(code: string): Promise<ListedOrganisation> {
    const [organisation, units] = await Promise.all([
      this.dataSource.getRepository(OrganisationEntity).findOneBy({ code }),
      this.dataSource
        .getRepository(OrganisationUnitEntity)
        .find({ where: { organisationCode: code }, order: { code: 'ASC' } }),
    ]);
    // The caller's own organisation: signed in, it exists.
    if (!organisation) throw new QcycleError(QcycleErrorCode.NotFound, 'organisation', { code });
    return {
      code,
      name: { vi: organisation.nameVi, en: organisation.nameEn },
      units: units.map((unit) => ({ code: unit.code, name: { vi: unit.nameVi, en: unit.nameEn } })),
    };
  }
}
