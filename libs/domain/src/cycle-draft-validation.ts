import type { CycleDraft, Signer } from './cycle-draft';
import { SIGNING_MODES } from './cycle-draft';
import { decimalPlaces } from './exact-rational';
import type { Indicator } from './indicator';
import { COMPARATORS, INDICATOR_KINDS } from './indicator';
import type { LocalizedText } from './localized-text';
import { MEASUREMENT_FREQUENCIES } from './monitoring-period';
import type { Objective } from './objective';
import type { ValidationProblem } from './validation-problem';
import { ProblemList } from './validation-problem';

/** Slugs used as ids and codes: lower-case letters, digits and inner dashes (`obj-4-on-time`). */
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** Same rule as the contracts' organisation code: it becomes part of workflow ids. */
const ORGANISATION_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const PLAN_FIELDS: readonly { key: keyof Objective['plan']; label: string }[] = [
  { key: 'what', label: 'Nội dung công việc' },
  { key: 'resources', label: 'Nguồn lực' },
  { key: 'who', label: 'Trách nhiệm thực hiện' },
  { key: 'when', label: 'Thời gian hoàn thành' },
  { key: 'howEvaluated', label: 'Cách đánh giá kết quả' },
];

/**
 * Everything that would stop a draft from going to the leader, as `{ path, code, reason }` with a
 * Vietnamese reason (empty list = valid). It checks what a certification auditor checks of
 * objectives (ISO 6.2.1: measurable, 6.2.2: planned) and what the engine needs to run the year:
 * unique ids, at least one indicator per objective, valid comparators, attainable targets within
 * range, owners that exist, a complete decision (bases, signer, recipients).
 */
export function validateCycleDraft(draft: CycleDraft): ValidationProblem[] {
  const problems = new ProblemList();

  const { organisation } = draft;
  if (typeof organisation.code !== 'string' || !ORGANISATION_CODE_PATTERN.test(organisation.code)) {
    problems.add(
      'organisation.code',
      'invalid-format',
      'Mã cơ quan chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
    );
  }
  requireLocalized(problems, 'organisation.name', organisation.name, 'Tên cơ quan');
  const unitCodes = new Set<string>();
  organisation.units.forEach((unit, i) => {
    const path = `organisation.units[${i}]`;
    if (typeof unit.code !== 'string' || !SLUG_PATTERN.test(unit.code)) {
      problems.add(
        `${path}.code`,
        'invalid-format',
        'Mã đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.',
      );
    } else if (unitCodes.has(unit.code)) {
      problems.add(`${path}.code`, 'duplicate', `Mã đơn vị "${unit.code}" bị trùng.`);
    }
    unitCodes.add(unit.code);
    requireLocalized(problems, `${path}.name`, unit.name, 'Tên đơn vị');
  });

  if (!Number.isInteger(draft.year) || draft.year < 2000 || draft.year > 2100) {
    problems.add('year', 'out-of-range', 'Năm phải là số nguyên từ 2000 đến 2100.');
  }
  requireLocalized(problems, 'scope', draft.scope, 'Phạm vi áp dụng');
  problems.requireText('standard', draft.standard, 'Chưa nêu tiêu chuẩn áp dụng.');

  if (draft.legalBases.length === 0)
    problems.add('legalBases', 'required', 'Quyết định phải có ít nhất một căn cứ pháp lý.');
  draft.legalBases.forEach((basis, i) =>
    problems.requireText(`legalBases[${i}]`, basis, 'Căn cứ không được để trống.'),
  );

  if (draft.objectives.length === 0)
    problems.add('objectives', 'required', 'Phải có ít nhất một mục tiêu chất lượng.');
  const objectiveIds = new Set<string>();
  const indicatorIds = new Set<string>();
  draft.objectives.forEach((objective, i) => {
    const path = `objectives[${i}]`;
    checkSlug(problems, `${path}.id`, objective.id, objectiveIds, 'Mã mục tiêu');
    if (objective.number !== i + 1) {
      problems.add(`${path}.number`, 'inconsistent', `Mục tiêu thứ ${i + 1} phải được đánh số ${i + 1}.`);
    }
    requireLocalized(problems, `${path}.title`, objective.title, 'Nội dung mục tiêu');
    if (!(MEASUREMENT_FREQUENCIES as readonly string[]).includes(objective.frequency)) {
      problems.add(
        `${path}.frequency`,
        'invalid-value',
        'Tần suất đo lường phải là hằng tháng, hằng quý, 6 tháng hoặc hằng năm.',
      );
    }
    if (typeof objective.ownerUnitCode !== 'string' || objective.ownerUnitCode === '') {
      problems.add(`${path}.ownerUnitCode`, 'required', 'Chưa giao đơn vị chủ trì.');
    } else if (!unitCodes.has(objective.ownerUnitCode)) {
      problems.add(
        `${path}.ownerUnitCode`,
        'unknown-reference',
        `Không có đơn vị mã "${objective.ownerUnitCode}".`,
      );
    }
    for (const { key, label } of PLAN_FIELDS) {
      problems.requireText(
        `${path}.plan.${key}`,
        objective.plan?.[key],
        `${label} của kế hoạch thực hiện không được để trống (ISO 9001:2015, 6.2.2).`,
      );
    }
    // ISO 6.2.1 b): an objective must be measurable, so it needs at least one indicator.
    if (objective.indicators.length === 0) {
      problems.add(`${path}.indicators`, 'required', 'Mục tiêu phải có ít nhất một chỉ số đo lường.');
    }
    objective.indicators.forEach((indicator, j) =>
      checkIndicator(problems, `${path}.indicators[${j}]`, indicator, indicatorIds),
    );
    objective.indicators.forEach((indicator, j) => {
      if (indicator.kind !== 'ratio' || indicator.sameCasesAs === undefined) return;
      const other = objective.indicators.find((candidate) => candidate.id === indicator.sameCasesAs);
      if (!other || other.kind !== 'ratio' || other === indicator) {
        problems.add(
          `${path}.indicators[${j}].sameCasesAs`,
          'unknown-reference',
          'Phải là một chỉ số tỷ lệ khác của cùng mục tiêu.',
        );
      }
    });
  });

  checkSigner(problems, draft.signer);
  problems.requireText(
    'qualityRepresentativeTitle',
    draft.qualityRepresentativeTitle,
    'Chưa nêu chức danh Đại diện chất lượng.',
  );
  if (draft.recipients.length === 0) problems.add('recipients', 'required', 'Phải có nơi nhận.');
  draft.recipients.forEach((recipient, i) =>
    problems.requireText(`recipients[${i}]`, recipient, 'Nơi nhận không được để trống.'),
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
  checkSlug(problems, `${path}.id`, indicator.id, seenIds, 'Mã chỉ số');
  requireLocalized(problems, `${path}.label`, indicator.label, 'Tên chỉ số');
  if (!INDICATOR_KINDS.includes(indicator.kind)) {
    problems.add(`${path}.kind`, 'invalid-value', 'Loại chỉ số phải là tỷ lệ, số lượng hoặc đánh giá.');
    return;
  }
  if (indicator.kind === 'judged') {
    if (indicator.criteria.length === 0) {
      problems.add(`${path}.criteria`, 'required', 'Chỉ số đánh giá phải nêu tiêu chí cần có minh chứng.');
    }
    indicator.criteria.forEach((criterion, k) =>
      requireLocalized(problems, `${path}.criteria[${k}]`, criterion, 'Tiêu chí'),
    );
    return;
  }

  const { comparator, value } = indicator.target ?? {};
  if (!(COMPARATORS as readonly string[]).includes(comparator)) {
    problems.add(`${path}.target.comparator`, 'invalid-value', 'Phép so sánh phải là >=, >, <= hoặc =.');
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.add(`${path}.target.value`, 'invalid-value', 'Giá trị mục tiêu phải là một số.');
    return;
  }
  if (indicator.kind === 'ratio') {
    requireLocalized(problems, `${path}.numeratorLabel`, indicator.numeratorLabel, 'Tên tử số');
    requireLocalized(problems, `${path}.denominatorLabel`, indicator.denominatorLabel, 'Tên mẫu số');
    // The form's question for cases pending overdue, when the share counts them (objective 4).
    if (indicator.pendingOverdueLabel !== undefined)
      requireLocalized(
        problems,
        `${path}.pendingOverdueLabel`,
        indicator.pendingOverdueLabel,
        'Tên số hồ sơ đang giải quyết đã quá hạn',
      );
    if (indicator.unit !== '%') problems.add(`${path}.unit`, 'invalid-value', 'Chỉ số tỷ lệ có đơn vị %.');
    if (value < 0 || value > 100) {
      problems.add(`${path}.target.value`, 'out-of-range', 'Mục tiêu tỷ lệ phải từ 0% đến 100%.');
    } else if (decimalPlaces(value) > 2) {
      problems.add(`${path}.target.value`, 'invalid-value', 'Mục tiêu tỷ lệ có tối đa 2 chữ số thập phân.');
    } else if (comparator === '>' && value === 100) {
      problems.add(
        `${path}.target`,
        'inconsistent',
        'Không tỷ lệ nào vượt quá 100%: mục tiêu không thể đạt.',
      );
    }
  } else {
    if (indicator.unit !== 'count')
      problems.add(`${path}.unit`, 'invalid-value', 'Chỉ số số lượng có đơn vị "count".');
    if (!Number.isInteger(value) || value < 0) {
      problems.add(`${path}.target.value`, 'out-of-range', 'Mục tiêu số lượng phải là số nguyên không âm.');
    }
  }
}

function checkSigner(problems: ProblemList, signer: Signer): void {
  problems.requireText('signer.name', signer.name, 'Chưa nêu họ tên người ký.');
  problems.requireText('signer.title', signer.title, 'Chưa nêu chức vụ người ký.');
  if (signer.signingMode === undefined) return;
  if (!SIGNING_MODES.includes(signer.signingMode)) {
    problems.add('signer.signingMode', 'invalid-value', 'Thẩm quyền ký phải là KT., TL., TUQ. hoặc Q.');
  } else if (signer.signingMode !== 'Q.') {
    problems.requireText(
      'signer.onBehalfOfTitle',
      signer.onBehalfOfTitle,
      `Ký "${signer.signingMode}" phải nêu chức danh người đứng đầu được ký thay.`,
    );
  }
}

function checkSlug(problems: ProblemList, path: string, id: unknown, seen: Set<string>, label: string): void {
  if (typeof id !== 'string' || !SLUG_PATTERN.test(id)) {
    problems.add(path, 'invalid-format', `${label} chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.`);
    return;
  }
  if (seen.has(id)) problems.add(path, 'duplicate', `${label} "${id}" bị trùng.`);
  seen.add(id);
}

function requireLocalized(
  problems: ProblemList,
  path: string,
  text: LocalizedText | undefined,
  label: string,
): void {
  problems.requireText(`${path}.vi`, text?.vi, `${label} (tiếng Việt) không được để trống.`);
  problems.requireText(`${path}.en`, text?.en, `${label} (tiếng Anh) không được để trống.`);
}
