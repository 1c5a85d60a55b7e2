import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  draftFromPreviousYear,
  loadTemplate,
  validateCycleDraft,
  type CycleDraft,
  type ValidationProblem,
} from '@qcycle/domain';
import type { StartCycleDto } from './dto/start-cycle.dto';

/**
 * The draft a cycle starts from: the request's own draft, checked as the leader would receive it,
 * or a template moved to the requested year. The organisation is always the caller's.
 */
export function draftForStart(request: StartCycleDto): CycleDraft {
  if (request.draft === undefined) {
    const template = loadTemplate(request.templateId ?? 'kontum-2024');
    const draft = template.year === request.year ? template : draftFromPreviousYear(template, request.year);
    return { ...draft, organisation: { ...draft.organisation, code: request.organisationCode } };
  }
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
