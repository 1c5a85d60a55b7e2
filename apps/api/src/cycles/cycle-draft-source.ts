import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  draftFromPreviousYear,
  loadTemplate,
  validateCycleDraft,
  type CycleDraft,
  type LocalizedText,
  type OrganisationUnit,
  type ValidationProblem,
} from '@qcycle/domain';
import type { StartCycleDto } from './dto/start-cycle.dto';

/** The caller's organisation as its directory lists it: the name its documents issue under, its units. */
export interface ListedOrganisation {
  code: string;
  name: LocalizedText;
  units: OrganisationUnit[];
}

/**
 * A draft as the organisation's own: issued under the directory's name, its units the directory's
 * (with the directory's names), so the decision names the organisation's real divisions and any of
 * them may be given an objective. A unit of the draft the directory lacks (a template's, or one
 * removed since last year) stays only while one of its objectives names it (the start would
 * otherwise be refused); that objective is given one of the directory's units at the assignment.
 * The draft's order comes first (the decision lists units as the draft does), then the directory's
 * other units.
 */
export function forOrganisation(draft: CycleDraft, organisation: ListedOrganisation): CycleDraft {
  const listed = new Map(organisation.units.map((unit) => [unit.code, unit]));
  const named = new Set(draft.objectives.map((objective) => objective.ownerUnitCode));
  const fromDraft = draft.organisation.units.flatMap((unit) => {
    const inDirectory = listed.get(unit.code);
    if (inDirectory) return [inDirectory];
    return named.has(unit.code) ? [unit] : [];
  });
  const inDraft = new Set(draft.organisation.units.map((unit) => unit.code));
  return {
    ...draft,
    organisation: {
      code: organisation.code,
      name: organisation.name,
      units: [...fromDraft, ...organisation.units.filter((unit) => !inDraft.has(unit.code))],
    },
  };
}

/** A template as the organisation's own draft for `year` ({@link forOrganisation}), moved to the year. */
export function templateDraftFor(
  templateId: string,
  year: number,
  organisation: ListedOrganisation,
): CycleDraft {
  const template = loadTemplate(templateId);
  return forOrganisation(
    template.year === year ? template : draftFromPreviousYear(template, year),
    organisation,
  );
}

/** The units an objective of `draft` names that the directory does not list. */
export function unitsNotListed(draft: CycleDraft, organisation: ListedOrganisation): string[] {
  const listed = new Set(organisation.units.map((unit) => unit.code));
  return [...new Set(draft.objectives.map((objective) => objective.ownerUnitCode))].filter(
    (code) => !listed.has(code),
  );
}

/**
 * The draft a cycle starts from: the request's own draft, checked as the leader would receive it,
 * or a template as the organisation's draft for the year ({@link templateDraftFor}). The
 * organisation's code is always the caller's.
 */
export function draftForStart(request: StartCycleDto, organisation: ListedOrganisation): CycleDraft {
  if (request.draft === undefined)
    return templateDraftFor(request.templateId ?? 'kontum-2024', request.year, organisation);
  const draft = { ...(request.draft as unknown as CycleDraft) };
  const problems: ValidationProblem[] = [];
  if (draft.year !== request.year)
    problems.push({
      path: 'year',
      code: 'invalid-value',
      reason: `Dự thảo là của năm ${String(draft.year)}, không phải năm ${request.year}.`,
      reasonEn: `The draft is for ${String(draft.year)}, not ${request.year}.`,
    });
  try {
    // The caller's organisation, whatever the draft says (a draft copied from another organisation).
    const checked: CycleDraft = {
      ...draft,
      organisation: { ...draft.organisation, code: request.organisationCode },
    };
    problems.push(...validateCycleDraft(checked));
    if (problems.length === 0) return checked;
  } catch {
    // A body far from a draft (missing lists, wrong types) makes the checker itself trip.
    problems.push({
      path: '',
      code: 'invalid-value',
      reason: 'Dự thảo không đúng cấu trúc (xem GET /api/v1/templates và tài liệu API).',
      reasonEn:
        'The draft does not have the right structure (see GET /api/v1/templates and the API documentation).',
    });
  }
  throw new QcycleError(
    QcycleErrorCode.DraftInvalid,
    'default',
    { fields: problems.map((p) => p.path || '(draft)') },
    { problems },
  );
}
