import type { CycleDraft, Signer } from './cycle-draft';
import { SIGNING_MODES } from './cycle-draft';
import { decimalPlaces } from './exact-rational';
import type { Indicator } from './indicator';
import { COMPARATORS, INDICATOR_KINDS } from './indicator';
import type { LocalizedText } from './localized-text';
import { MEASUREMENT_FREQUENCIES } from './monitoring-period';
import type { Objective } from './objective';
import type { ProblemReason, ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';

/** Slugs used as ids and codes: lower-case letters, digits and inner dashes (`obj-4-on-time`). */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Same rule as the contracts' organisation code: it becomes part of workflow ids. */
const ORGANISATION_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const PLAN_FIELDS: readonly { key: keyof Objective['plan']; label: ProblemReason }[] = [
  { key: 'what', label: { vi: 'Nội dung công việc', en: 'The work' } },
  { key: 'resources', label: { vi: 'Nguồn lực', en: 'The resources' } },
  { key: 'who', label: { vi: 'Trách nhiệm thực hiện', en: 'Who is responsible' } },
  { key: 'when', label: { vi: 'Thời gian hoàn thành', en: 'When it is done' } },
  { key: 'howEvaluated', label: { vi: 'Cách đánh giá kết quả', en: 'How the result is evaluated' } },
];

/**
 * Everything that would stop a draft from going to the leader, as problems with their reason in
 * Vietnamese and English (empty list = valid). It checks what a certification auditor checks of
 * objectives (ISO 6.2.1: measurable, 6.2.2: planned) and what the engine needs to run the year:
 * unique ids, at least one indicator per objective, valid comparators, attainable targets within
 * range, owners that exist, a complete decision (bases, signer, recipients).
 */
export function validateCycleDraft(draft: CycleDraft): ValidationProblem[] {
  const problems = new ProblemList();

  const { organisation } = draft;
  if (typeof organisation.code !== 'string' || !ORGANISATION_CODE_PATTERN.test(organisation.code)) {
    problems.add('organisation.code', 'invalid-format', {
      vi: 'Mã cơ quan chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
      en: 'The organisation code may hold only lower-case letters without diacritics, digits and dashes.',
    });
  }
  requireLocalized(problems, 'organisation.name', organisation.name, {
    vi: 'Tên cơ quan',
    en: "The organisation's name",
  });
  const unitCodes = new Set<string>();
  organisation.units.forEach((unit, i) => {
    const path = `organisation.units[${i}]`;
    if (typeof unit.code !== 'string' || !SLUG_PATTERN.test(unit.code)) {
      problems.add(`${path}.code`, 'invalid-format', {
        vi: 'Mã đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
        en: 'The unit code may hold only lower-case letters without diacritics, digits and dashes.',
      });
    } else if (unitCodes.has(unit.code)) {
      problems.add(`${path}.code`, 'duplicate', {
        vi: `Mã đơn vị "${unit.code}" bị trùng.`,
        en: `The unit code "${unit.code}" is used twice.`,
      });
    }
    unitCodes.add(unit.code);
    requireLocalized(problems, `${path}.name`, unit.name, { vi: 'Tên đơn vị', en: "The unit's name" });
  });

  if (!Number.isInteger(draft.year) || draft.year < 2000 || draft.year > 2100) {
    problems.add('year', 'out-of-range', {
      vi: 'Năm phải là số nguyên từ 2000 đến 2100.',
      en: 'The year must be a whole number from 2000 to 2100.',
    });
  }
  requireLocalized(problems, 'scope', draft.scope, { vi: 'Phạm vi áp dụng', en: 'The scope' });
  problems.requireText('standard', draft.standard, {
    vi: 'Chưa nêu tiêu chuẩn áp dụng.',
    en: 'Name the standard applied.',
  });

  if (draft.legalBases.length === 0)
    problems.add('legalBases', 'required', {
      vi: 'Quyết định phải có ít nhất một căn cứ pháp lý.',
      en: 'The decision needs at least one legal basis.',
    });
  draft.legalBases.forEach((basis, i) =>
    problems.requireText(`legalBases[${i}]`, basis, {
      vi: 'Căn cứ không được để trống.',
      en: 'A legal basis must not be empty.',
    }),
  );

  if (draft.objectives.length === 0)
    problems.add('objectives', 'required', {
      vi: 'Phải có ít nhất một mục tiêu chất lượng.',
      en: 'There must be at least one quality objective.',
    });
  const objectiveIds = new Set<string>();
  const indicatorIds = new Set<string>();
  draft.objectives.forEach((objective, i) => {
    const path = `objectives[${i}]`;
    checkSlug(problems, `${path}.id`, objective.id, objectiveIds, {
      vi: 'Mã mục tiêu',
      en: 'The objective id',
    });
    if (objective.number !== i + 1) {
      problems.add(`${path}.number`, 'inconsistent', {
        vi: `Mục tiêu thứ ${i + 1} phải được đánh số ${i + 1}.`,
        en: `Objective ${i + 1} must be numbered ${i + 1}.`,
      });
    }
    requireLocalized(problems, `${path}.title`, objective.title, {
      vi: 'Nội dung mục tiêu',
      en: "The objective's text",
    });
    if (!(MEASUREMENT_FREQUENCIES as readonly string[]).includes(objective.frequency)) {
      problems.add(`${path}.frequency`, 'invalid-value', {
        vi: 'Tần suất đo lường phải là hằng tháng, hằng quý, 6 tháng hoặc hằng năm.',
        en: 'The measurement frequency must be monthly, quarterly, half-yearly or yearly.',
      });
    }
    if (typeof objective.ownerUnitCode !== 'string' || objective.ownerUnitCode === '') {
      problems.add(`${path}.ownerUnitCode`, 'required', {
        vi: 'Chưa giao đơn vị chủ trì.',
        en: 'Name the unit in charge.',
      });
    } else if (!unitCodes.has(objective.ownerUnitCode)) {
      problems.add(`${path}.ownerUnitCode`, 'unknown-reference', {
        vi: `Không có đơn vị mã "${objective.ownerUnitCode}".`,
        en: `There is no unit with the code "${objective.ownerUnitCode}".`,
      });
    }
    for (const { key, label } of PLAN_FIELDS) {
      problems.requireText(`${path}.plan.${key}`, objective.plan?.[key], {
        vi: `${label.vi} của kế hoạch thực hiện không được để trống (ISO 9001:2015, 6.2.2).`,
        en: `${label.en} of the action plan must not be empty (ISO 9001:2015, 6.2.2).`,
      });
    }
    // ISO 6.2.1 b): an objective must be measurable, so it needs at least one indicator.
    if (objective.indicators.length === 0) {
      problems.add(`${path}.indicators`, 'required', {
        vi: 'Mục tiêu phải có ít nhất một chỉ số đo lường.',
        en: 'An objective needs at least one indicator.',
      });
    }
    objective.indicators.forEach((indicator, j) =>
      checkIndicator(problems, `${path}.indicators[${j}]`, indicator, indicatorIds),
    );
    objective.indicators.forEach((indicator, j) => {
      if (indicator.kind !== 'ratio' || indicator.sameCasesAs === undefined) return;
      const other = objective.indicators.find((candidate) => candidate.id === indicator.sameCasesAs);
      if (!other || other.kind !== 'ratio' || other === indicator) {
        problems.add(`${path}.indicators[${j}].sameCasesAs`, 'unknown-reference', {
          vi: 'Phải là một chỉ số tỷ lệ khác của cùng mục tiêu.',
          en: 'Must be another ratio indicator of the same objective.',
        });
      }
    });
  });

  checkSigner(problems, draft.signer);
  problems.requireText('qualityRepresentativeTitle', draft.qualityRepresentativeTitle, {
    vi: 'Chưa nêu chức danh Đại diện chất lượng.',
    en: 'Give the title of the Quality Representative.',
  });
  if (draft.recipients.length === 0)
    problems.add('recipients', 'required', { vi: 'Phải có nơi nhận.', en: 'The decision needs recipients.' });
  draft.recipients.forEach((recipient, i) =>
    problems.requireText(`recipients[${i}]`, recipient, {
      vi: 'Nơi nhận không được để trống.',
      en: 'A recipient must not be empty.',
    }),
  );

  return problems.problems;
}

function checkIndicator(
  problems: ProblemList,
  path: string,
  indicator: Indicator,
  seenIds: Set<string>,
): void {
  // Measurements refer to indicators by id alone, so ids are unique across the whole draft.
  checkSlug(problems, `${path}.id`, indicator.id, seenIds, { vi: 'Mã chỉ số', en: 'The indicator id' });
  requireLocalized(problems, `${path}.label`, indicator.label, {
    vi: 'Tên chỉ số',
    en: "The indicator's name",
  });
  if (!INDICATOR_KINDS.includes(indicator.kind)) {
    problems.add(`${path}.kind`, 'invalid-value', {
      vi: 'Loại chỉ số phải là tỷ lệ, số lượng hoặc đánh giá.',
      en: 'The indicator kind must be ratio, count or assessment.',
    });
    return;
  }
  if (indicator.kind === 'judged') {
    if (indicator.criteria.length === 0) {
      problems.add(`${path}.criteria`, 'required', {
        vi: 'Chỉ số đánh giá phải nêu tiêu chí cần có minh chứng.',
        en: 'An assessment indicator must list the criteria that need evidence.',
      });
    }
    indicator.criteria.forEach((criterion, k) =>
      requireLocalized(problems, `${path}.criteria[${k}]`, criterion, { vi: 'Tiêu chí', en: 'A criterion' }),
    );
    return;
  }

  const { comparator, value } = indicator.target ?? {};
  if (!(COMPARATORS as readonly string[]).includes(comparator)) {
    problems.add(`${path}.target.comparator`, 'invalid-value', {
      vi: 'Phép so sánh phải là >=, >, <= hoặc =.',
      en: 'The comparator must be >=, >, <= or =.',
    });
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.add(`${path}.target.value`, 'invalid-value', {
      vi: 'Giá trị mục tiêu phải là một số.',
      en: 'The target value must be a number.',
    });
    return;
  }
  if (indicator.kind === 'ratio') {
    requireLocalized(problems, `${path}.numeratorLabel`, indicator.numeratorLabel, {
      vi: 'Tên tử số',
      en: "The numerator's name",
    });
    requireLocalized(problems, `${path}.denominatorLabel`, indicator.denominatorLabel, {
      vi: 'Tên mẫu số',
      en: "The denominator's name",
    });
    // The form's question for cases pending overdue, when the share counts them (objective 4).
    if (indicator.pendingOverdueLabel !== undefined)
      requireLocalized(problems, `${path}.pendingOverdueLabel`, indicator.pendingOverdueLabel, {
        vi: 'Tên số hồ sơ đang giải quyết đã quá hạn',
        en: 'The name of the pending overdue cases',
      });
    if (indicator.unit !== '%')
      problems.add(`${path}.unit`, 'invalid-value', {
        vi: 'Chỉ số tỷ lệ có đơn vị %.',
        en: 'A ratio indicator has the unit %.',
      });
    if (value < 0 || value > 100) {
      problems.add(`${path}.target.value`, 'out-of-range', {
        vi: 'Mục tiêu tỷ lệ phải từ 0% đến 100%.',
        en: 'A ratio target must be from 0% to 100%.',
      });
    } else if (decimalPlaces(value) > 2) {
      problems.add(`${path}.target.value`, 'invalid-value', {
        vi: 'Mục tiêu tỷ lệ có tối đa 2 chữ số thập phân.',
        en: 'A ratio target has at most 2 decimal places.',
      });
    } else if (comparator === '>' && value === 100) {
      problems.add(`${path}.target`, 'inconsistent', {
        vi: 'Không tỷ lệ nào vượt quá 100%: mục tiêu không thể đạt.',
        en: 'No ratio exceeds 100%: the target cannot be met.',
      });
    }
  } else {
    if (indicator.unit !== 'count')
      problems.add(`${path}.unit`, 'invalid-value', {
        vi: 'Chỉ số số lượng có đơn vị "count".',
        en: 'A count indicator has the unit "count".',
      });
    if (!Number.isInteger(value) || value < 0) {
      problems.add(`${path}.target.value`, 'out-of-range', {
        vi: 'Mục tiêu số lượng phải là số nguyên không âm.',
        en: 'A count target must be a whole number, not negative.',
      });
    }
  }
}

function checkSigner(problems: ProblemList, signer: Signer): void {
  problems.requireText('signer.name', signer.name, {
    vi: 'Chưa nêu họ tên người ký.',
    en: "Give the signer's full name.",
  });
  problems.requireText('signer.title', signer.title, {
    vi: 'Chưa nêu chức vụ người ký.',
    en: "Give the signer's position.",
  });
  if (signer.signingMode === undefined) return;
  if (!SIGNING_MODES.includes(signer.signingMode)) {
    problems.add('signer.signingMode', 'invalid-value', {
      vi: 'Thẩm quyền ký phải là KT., TL., TUQ. hoặc Q.',
      en: 'The signing authority must be KT., TL., TUQ. or Q.',
    });
  } else if (signer.signingMode !== 'Q.') {
    problems.requireText('signer.onBehalfOfTitle', signer.onBehalfOfTitle, {
      vi: `Ký "${signer.signingMode}" phải nêu chức danh người đứng đầu được ký thay.`,
      en: `Signing "${signer.signingMode}" must name the title of the head signed for.`,
    });
  }
}

function checkSlug(
  problems: ProblemList,
  path: string,
  id: unknown,
  seen: Set<string>,
  label: ProblemReason,
): void {
  if (typeof id !== 'string' || !SLUG_PATTERN.test(id)) {
    problems.add(path, 'invalid-format', {
      vi: `${label.vi} chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.`,
      en: `${label.en} may hold only lower-case letters without diacritics, digits and dashes.`,
    });
    return;
  }
  if (seen.has(id))
    problems.add(path, 'duplicate', {
      vi: `${label.vi} "${id}" bị trùng.`,
      en: `${label.en} "${id}" is used twice.`,
    });
  seen.add(id);
}

function requireLocalized(
  problems: ProblemList,
  path: string,
  text: LocalizedText | undefined,
  label: ProblemReason,
): void {
  problems.requireText(`${path}.vi`, text?.vi, {
    vi: `${label.vi} (tiếng Việt) không được để trống.`,
    en: `${label.en} (Vietnamese) must not be empty.`,
  });
  problems.requireText(`${path}.en`, text?.en, {
    vi: `${label.vi} (tiếng Anh) không được để trống.`,
    en: `${label.en} (English) must not be empty.`,
  });
}
