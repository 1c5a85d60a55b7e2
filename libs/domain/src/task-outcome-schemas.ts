import { isIsoDate } from './calendar-date';
import { PAPER_REPORT_REFERENCE_MAX_LENGTH } from './paper-report';
import { REVIEW_ENTERED_INPUTS } from './review-preparation';
import type { TaskKind } from './task-outcomes';
import type { ValidationProblem, ValidationProblemCode } from './validation-problem';
import { ProblemList } from './validation-problem';

/**
 * The shape of every task's answer, written once as JSON Schema. The API publishes these schemas
 * (OpenAPI components, each task's `outcomeSchema`) so forms and clients read the same contract,
 * and the workflow validators check the shape with {@link checkOutcomeShape} before their
 * contextual rules (known units, the audit window, …): the browser may check the shape, the
 * workflow decides.
 *
 * Only a subset of JSON Schema draft 2020-12 is used, one that is also a valid OpenAPI 3.0 Schema
 * Object (no `const`, no type arrays): `type`, `properties`, `required`, `items`, `minItems`,
 * `enum`, `minLength`, `maxLength`, `pattern`, `format: date`, `minimum`, `oneOf` (told apart by a property with
 * one enum value per branch), `title`, `description`. Two extensions: `x-en` carries the English
 * title and description (Vietnamese is the default and the legal wording), `x-problem` the code and
 * Vietnamese reason reported when the field's value is missing or has the wrong shape.
 *
 * Unknown fields are not refused (no `additionalProperties: false`): the workflows have always
 * accepted and recorded answers with extra fields, and a contract must not make them invalid.
 */
export interface OutcomeSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  readonly title?: string;
  readonly description?: string;
  readonly 'x-en'?: { readonly title: string; readonly description?: string };
  readonly 'x-problem'?: { readonly code: ValidationProblemCode; readonly reason: string };
  readonly properties?: { readonly [name: string]: OutcomeSchema };
  readonly required?: readonly string[];
  readonly oneOf?: readonly OutcomeSchema[];
  readonly items?: OutcomeSchema;
  readonly minItems?: number;
  readonly enum?: readonly (string | boolean)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: 'date';
  readonly minimum?: number;
}

export const AUDIT_RESULTS = ['conformity', 'observation', 'minor-nc', 'major-nc'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

/** `123/QĐ-UBND`: number, slash, document type and issuer abbreviations (Decree 30/2020/NĐ-CP). */
export const DOCUMENT_NUMBER_PATTERN = /^\d{1,6}\/Q\u0110-[A-Z\u0110]+(?:-[A-Z\u0110]+)*$/u;

/** A non-blank text: at least one character that is not white space. */
const NON_BLANK_PATTERN = '\\S';
/** `YYYY-MM-DD`; `format: date` adds that it is a real calendar day (not `2024-02-30`). */
const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const STEP_ID_PATTERN = '^[a-z0-9-]{1,32}$';

interface Label {
  vi: string;
  en: string;
  /** What to write, for the form's help text. */
  about?: { vi: string; en: string };
}

const labelled = ({ vi, en, about }: Label) => ({
  title: vi,
  ...(about ? { description: about.vi } : {}),
  'x-en': { title: en, ...(about ? { description: about.en } : {}) },
});

const problem = (code: ValidationProblemCode, reason: string) => ({ 'x-problem': { code, reason } });

/** Required non-blank text: missing or blank is one `required` problem, as the validators always said. */
const text = (label: Label, reason: string): OutcomeSchema => ({
  type: 'string',
  minLength: 1,
  pattern: NON_BLANK_PATTERN,
  ...labelled(label),
  ...problem('required', reason),
});

/** Optional free text: any string, empty included (the workflows never refused an empty note). */
const optionalText = (label: Label, reason: string): OutcomeSchema => ({
  type: 'string',
  ...labelled(label),
  ...problem('invalid-value', reason),
});

/** A reference (unit code, user id, indicator id): a string; whether it exists is contextual. */
const reference = (label: Label, reason: string): OutcomeSchema => ({
  type: 'string',
  minLength: 1,
  ...labelled(label),
  ...problem('required', reason),
});

const date = (label: Label, reason: string): OutcomeSchema => ({
  type: 'string',
  format: 'date',
  pattern: ISO_DATE_PATTERN,
  ...labelled(label),
  ...problem('invalid-format', reason),
});

/** A list of non-blank texts with at least one item; any bad item is reported on the list. */
const textList = (label: Label, reason: string): OutcomeSchema => ({
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1, pattern: NON_BLANK_PATTERN },
  ...labelled(label),
  ...problem('required', reason),
});

const caseCount = (label: Label, reason: string): OutcomeSchema => ({
  type: 'integer',
  minimum: 0,
  ...labelled(label),
  ...problem('invalid-value', reason),
});

const ACCEPTED: OutcomeSchema = {
  type: 'boolean',
  enum: [true],
  ...labelled({
    vi: 'Tiếp nhận',
    en: 'Accepted',
    about: { vi: 'Luôn là true: tiếp nhận mục tiêu.', en: 'Always true: the objectives are accepted.' },
  }),
  ...problem('invalid-value', 'Phải tiếp nhận mục tiêu.'),
};

const EVIDENCE_LABEL: Label = {
  vi: 'Minh chứng',
  en: 'Evidence',
  about: {
    vi: 'Số hiệu báo cáo, hồ sơ hoặc tệp làm căn cứ (ít nhất một).',
    en: 'Report numbers, records or files behind the answer (at least one).',
  },
};

const decision = (values: readonly string[]): OutcomeSchema => ({
  type: 'string',
  enum: values,
  ...labelled({
    vi: 'Quyết định',
    en: 'Decision',
    about: {
      vi: 'approve: phê duyệt và ký quyết định; return: trả lại dự thảo kèm ý kiến.',
      en: 'approve: approve and sign the decision; return: send the draft back with comments.',
    },
  }),
  ...problem('invalid-value', 'Quyết định phải là "approve" hoặc "return".'),
});

const OBJECTIVES_APPROVAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Phê duyệt mục tiêu chất lượng',
    en: 'Approval of the quality objectives',
    about: {
      vi: 'Lãnh đạo phê duyệt dự thảo (kèm số quyết định) hoặc trả lại kèm ý kiến (ISO 6.2).',
      en: 'The leader approves the draft (with the decision number) or returns it with comments (ISO 6.2).',
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['decision'],
  properties: { decision: decision(['approve', 'return']) },
  oneOf: [
    {
      type: 'object',
      title: 'Phê duyệt',
      'x-en': { title: 'Approve' },
      required: ['decision', 'documentNumber'],
      properties: {
        decision: decision(['approve']),
        documentNumber: {
          type: 'string',
          pattern: DOCUMENT_NUMBER_PATTERN.source,
          ...labelled({
            vi: 'Số quyết định',
            en: 'Decision number',
            about: {
              vi: 'Số trong sổ văn bản của cơ quan, ví dụ 123/QĐ-UBND.',
              en: "The number in the organisation's register, e.g. 123/QĐ-UBND.",
            },
          }),
          ...problem('invalid-format', 'Số quyết định phải có dạng 123/QĐ-UBND.'),
        },
        signingDate: date(
          {
            vi: 'Ngày ký',
            en: 'Signing date',
            about: {
              vi: 'Ngày ký cũng là ngày hiệu lực, trong năm của mục tiêu hoặc năm trước; mặc định là ngày phê duyệt.',
              en: "The signing date is the effective date, in the objectives' year or the year before; defaults to the day of approval.",
            },
          },
          'Ngày ký phải có dạng YYYY-MM-DD.',
        ),
        comments: optionalText({ vi: 'Ý kiến', en: 'Comments' }, 'Ý kiến phải là văn bản.'),
      },
    },
    {
      type: 'object',
      title: 'Trả lại',
      'x-en': { title: 'Return' },
      required: ['decision', 'comments'],
      properties: {
        decision: decision(['return']),
        comments: text(
          {
            vi: 'Ý kiến',
            en: 'Comments',
            about: { vi: 'Nội dung cần chỉnh sửa.', en: 'What the draft must change.' },
          },
          'Trả lại dự thảo phải kèm ý kiến.',
        ),
      },
    },
  ],
};

const OBJECTIVES_REVISION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Chỉnh sửa dự thảo mục tiêu',
    en: 'Revision of the draft objectives',
    about: {
      vi: 'Đại diện chất lượng chỉnh sửa dự thảo bị trả lại.',
      en: 'The Quality Representative revises the returned draft.',
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['note'],
  properties: {
    note: text({ vi: 'Nội dung chỉnh sửa', en: 'What was revised' }, 'Phải nêu nội dung đã chỉnh sửa.'),
    objectives: {
      type: 'array',
      minItems: 1,
      items: { type: 'object' },
      ...labelled({
        vi: 'Mục tiêu sau chỉnh sửa',
        en: 'Revised objectives',
        about: {
          vi: 'Toàn bộ danh sách mục tiêu mới, cùng dạng với dự thảo; bỏ trống để giữ nguyên.',
          en: "The whole new list of objectives, shaped as in the draft; leave out to keep the draft's.",
        },
      }),
      ...problem('invalid-value', 'Danh sách mục tiêu chỉnh sửa không hợp lệ.'),
    },
  },
};

const ASSIGNMENT_ACCEPTANCE: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Tiếp nhận và phân công mục tiêu',
    en: 'Acceptance and assignment of the objectives',
    about: {
      vi: 'Chánh Văn phòng tiếp nhận mục tiêu và giao mỗi mục tiêu cho một đơn vị.',
      en: 'The Chief of Office accepts the objectives and gives each to one unit.',
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['accepted', 'delegations'],
  properties: {
    accepted: ACCEPTED,
    delegations: {
      type: 'array',
      ...labelled({
        vi: 'Phân công',
        en: 'Delegations',
        about: {
          vi: 'Mỗi mục tiêu được giao đúng một lần.',
          en: 'Each objective is given exactly once.',
        },
      }),
      ...problem('required', 'Thiếu phân công.'),
      items: {
        type: 'object',
        ...labelled({ vi: 'Giao mục tiêu cho đơn vị', en: 'An objective given to a unit' }),
        ...problem('invalid-value', 'Phân công không hợp lệ.'),
        required: ['objectiveId', 'unitCode'],
        properties: {
          objectiveId: reference({ vi: 'Mục tiêu', en: 'Objective' }, 'Thiếu mục tiêu được phân công.'),
          unitCode: reference({ vi: 'Đơn vị', en: 'Unit' }, 'Thiếu đơn vị được phân công.'),
        },
      },
    },
  },
};

const UNIT_ACCEPTANCE: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Đơn vị tiếp nhận mục tiêu',
    en: "The unit's acceptance of its objectives",
    about: {
      vi: 'Trưởng đơn vị tiếp nhận và có thể giao mỗi mục tiêu cho một cán bộ của đơn vị.',
      en: "The unit head accepts and may give each objective to one of the unit's staff.",
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['accepted'],
  properties: {
    accepted: ACCEPTED,
    staffDelegations: {
      type: 'array',
      ...labelled({ vi: 'Phân công cá nhân', en: 'Staff delegations' }),
      ...problem('invalid-value', 'Phân công cá nhân không hợp lệ.'),
      items: {
        type: 'object',
        ...labelled({ vi: 'Giao mục tiêu cho cán bộ', en: 'An objective given to a staff member' }),
        ...problem('invalid-value', 'Phân công cá nhân không hợp lệ.'),
        required: ['objectiveId', 'userId'],
        properties: {
          objectiveId: reference({ vi: 'Mục tiêu', en: 'Objective' }, 'Thiếu mục tiêu được phân công.'),
          userId: reference({ vi: 'Cán bộ', en: 'Staff member' }, 'Thiếu người được phân công.'),
        },
      },
    },
  },
};

const MEASUREMENT_REPORT: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Báo cáo số liệu',
    en: 'Measurement report',
    about: {
      vi: 'Một số liệu cho mỗi chỉ số của mục tiêu trong kỳ, kèm minh chứng.',
      en: "One figure for each of the objective's indicators for the period, with evidence.",
    },
  }),
  ...problem('required', 'Thiếu số liệu báo cáo.'),
  required: ['figures', 'evidence'],
  properties: {
    figures: {
      type: 'array',
      ...labelled({
        vi: 'Số liệu',
        en: 'Figures',
        about: {
          vi: 'Chỉ số tỷ lệ: tử số và mẫu số; chỉ số đếm: số lượng; chỉ số đánh giá: đạt hay không.',
          en: 'A ratio: numerator and denominator; a count: value; a judged indicator: achieved.',
        },
      }),
      ...problem('required', 'Thiếu số liệu.'),
      items: {
        type: 'object',
        ...labelled({ vi: 'Số liệu của một chỉ số', en: "One indicator's figure" }),
        ...problem('invalid-value', 'Số liệu không hợp lệ.'),
        required: ['indicatorId'],
        properties: {
          indicatorId: reference({ vi: 'Chỉ số', en: 'Indicator' }, 'Thiếu mã chỉ số.'),
          numerator: caseCount(
            {
              vi: 'Tử số',
              en: 'Numerator',
              about: { vi: 'Số trường hợp đạt trong kỳ.', en: 'Cases meeting the target in the period.' },
            },
            'Tử số phải là số nguyên không âm.',
          ),
          denominator: caseCount(
            {
              vi: 'Mẫu số',
              en: 'Denominator',
              about: { vi: 'Tổng số trường hợp trong kỳ.', en: 'All cases in the period.' },
            },
            'Mẫu số phải là số nguyên không âm.',
          ),
          pendingOverdue: caseCount(
            {
              vi: 'Số hồ sơ đang giải quyết đã quá hạn',
              en: 'Dossiers pending and already overdue',
              about: {
                vi: 'Chỉ cho chỉ số có hỏi (tỷ lệ hồ sơ giải quyết đúng hạn): số hồ sơ chưa giải quyết xong đến cuối kỳ mà đã quá thời hạn giải quyết. Số này được cộng vào mẫu số khi tính tỷ lệ; bỏ trống nghĩa là không có hồ sơ nào.',
                en: 'Only for an indicator that asks (the on-time rate): dossiers not yet settled at the end of the period whose deadline has passed. They are added to the denominator of the rate; left out means none.',
              },
            },
            'Số hồ sơ đang giải quyết đã quá hạn phải là số nguyên không âm.',
          ),
          value: caseCount({ vi: 'Số lượng', en: 'Count' }, 'Số lượng phải là số nguyên không âm.'),
          achieved: {
            type: 'boolean',
            ...labelled({ vi: 'Đạt', en: 'Achieved' }),
            ...problem('invalid-value', 'Phải đánh giá đạt hoặc không đạt.'),
          },
        },
      },
    },
    evidence: textList(EVIDENCE_LABEL, 'Báo cáo phải kèm ít nhất một minh chứng.'),
    note: optionalText({ vi: 'Ghi chú', en: 'Note' }, 'Ghi chú phải là văn bản.'),
    paperReport: {
      type: 'object',
      ...labelled({
        vi: 'Đã báo cáo bằng văn bản giấy',
        en: 'Reported on paper',
        about: {
          vi: 'Chỉ cho kỳ đã đến hạn trước khi việc được giao trên hệ thống: số liệu này đã được báo cáo bằng văn bản giấy vào ngày và theo số, ký hiệu văn bản dưới đây. Trễ hạn hay không tính theo ngày của văn bản.',
          en: 'Only for a period that came due before the task was given in qcycle: this figure was reported on paper on the day and under the reference below. Whether it was late is judged by that day.',
        },
      }),
      ...problem('invalid-value', 'Báo cáo bằng văn bản giấy phải có ngày và số, ký hiệu văn bản.'),
      required: ['date', 'reference'],
      properties: {
        date: date(
          {
            vi: 'Ngày văn bản',
            en: 'Date of the paper report',
            about: { vi: 'Ngày ký báo cáo giấy.', en: 'The day the paper report was signed.' },
          },
          'Ngày báo cáo giấy phải là một ngày có thật, dạng YYYY-MM-DD.',
        ),
        reference: {
          ...text(
            {
              vi: 'Số, ký hiệu văn bản',
              en: 'Number and symbol of the paper report',
              about: { vi: 'Ví dụ 45/BC-VP.', en: 'For example 45/BC-VP.' },
            },
            `Phải ghi số, ký hiệu của báo cáo giấy (tối đa ${PAPER_REPORT_REFERENCE_MAX_LENGTH} ký tự).`,
          ),
          maxLength: PAPER_REPORT_REFERENCE_MAX_LENGTH,
        },
      },
    },
  },
};

const AT_RISK_FOLLOW_UP: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Xử lý mục tiêu có nguy cơ không đạt',
    en: 'Follow-up of an objective at risk',
  }),
  ...problem('required', 'Phải ghi nội dung xử lý.'),
  required: ['note'],
  properties: {
    note: text({ vi: 'Nội dung xử lý', en: 'What is being done' }, 'Phải ghi nội dung xử lý.'),
  },
};

const AUDIT_PLAN: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Chương trình và kế hoạch đánh giá nội bộ',
    en: 'Internal audit programme and plan',
    about: {
      vi: 'ISO 9.2.2: phạm vi, chuẩn mực, phương pháp, thời gian và các bước đánh giá.',
      en: 'ISO 9.2.2: scope, criteria, methods, dates and the audit steps.',
    },
  }),
  ...problem('required', 'Thiếu kế hoạch đánh giá.'),
  required: ['scope', 'criteria', 'methods', 'from', 'to', 'steps'],
  properties: {
    scope: text({ vi: 'Phạm vi', en: 'Scope' }, 'Thiếu phạm vi đánh giá.'),
    criteria: textList(
      {
        vi: 'Chuẩn mực đánh giá',
        en: 'Criteria',
        about: { vi: 'Ví dụ TCVN ISO 9001:2015.', en: 'E.g. TCVN ISO 9001:2015.' },
      },
      'Thiếu chuẩn mực đánh giá.',
    ),
    methods: text({ vi: 'Phương pháp', en: 'Methods' }, 'Thiếu phương pháp đánh giá.'),
    from: date(
      {
        vi: 'Từ ngày',
        en: 'From',
        about: { vi: 'Trong thời gian đánh giá của chu trình.', en: "Inside the cycle's audit window." },
      },
      'Ngày phải có dạng YYYY-MM-DD.',
    ),
    to: date(
      {
        vi: 'Đến ngày',
        en: 'To',
        about: { vi: 'Trong thời gian đánh giá của chu trình.', en: "Inside the cycle's audit window." },
      },
      'Ngày phải có dạng YYYY-MM-DD.',
    ),
    steps: {
      type: 'array',
      minItems: 1,
      ...labelled({ vi: 'Các bước đánh giá', en: 'Audit steps' }),
      ...problem('required', 'Kế hoạch phải có ít nhất một bước đánh giá.'),
      items: {
        type: 'object',
        ...labelled({ vi: 'Bước đánh giá', en: 'Audit step' }),
        ...problem('invalid-value', 'Bước đánh giá không hợp lệ.'),
        required: ['id', 'process', 'clause', 'unitCode', 'auditorUserId'],
        properties: {
          id: {
            type: 'string',
            pattern: STEP_ID_PATTERN,
            ...labelled({
              vi: 'Mã bước',
              en: 'Step id',
              about: { vi: 'Không trùng trong kế hoạch, ví dụ s1.', en: 'Unique in the plan, e.g. s1.' },
            }),
            ...problem('invalid-format', 'Mã bước chỉ gồm chữ thường, số và gạch ngang.'),
          },
          process: text({ vi: 'Quá trình', en: 'Process' }, 'Thiếu quá trình được đánh giá.'),
          clause: text(
            {
              vi: 'Điều khoản',
              en: 'Clause',
              about: { vi: 'Điều khoản ISO 9001, ví dụ 8.5.1.', en: 'ISO 9001 clause, e.g. 8.5.1.' },
            },
            'Thiếu điều khoản được đánh giá.',
          ),
          unitCode: reference(
            { vi: 'Đơn vị được đánh giá', en: 'Audited unit' },
            'Thiếu đơn vị được đánh giá.',
          ),
          auditorUserId: reference(
            {
              vi: 'Chuyên gia đánh giá',
              en: 'Auditor',
              about: {
                vi: 'Chuyên gia đánh giá nội bộ không thuộc đơn vị được đánh giá (ISO 9.2.2 c).',
                en: 'An internal auditor from another unit than the audited one (ISO 9.2.2 c).',
              },
            },
            'Thiếu chuyên gia đánh giá.',
          ),
        },
      },
    },
  },
};

const AUDIT_STEP: OutcomeSchema = {
  type: 'object',
  ...labelled({ vi: 'Kết quả bước đánh giá', en: 'Audit step result' }),
  ...problem('required', 'Thiếu kết quả đánh giá.'),
  required: ['result', 'evidence'],
  properties: {
    result: {
      type: 'string',
      enum: AUDIT_RESULTS,
      ...labelled({
        vi: 'Kết quả',
        en: 'Result',
        about: {
          vi: 'conformity: phù hợp; observation: điểm lưu ý; minor-nc, major-nc: không phù hợp nhẹ, nặng.',
          en: 'conformity; observation; minor-nc, major-nc: minor or major nonconformity.',
        },
      }),
      ...problem('invalid-value', 'Kết quả phải là conformity, observation, minor-nc hoặc major-nc.'),
    },
    evidence: textList({ vi: 'Bằng chứng đánh giá', en: 'Audit evidence' }, 'Phải ghi bằng chứng đánh giá.'),
    notes: optionalText({ vi: 'Ghi chú', en: 'Notes' }, 'Ghi chú phải là văn bản.'),
    finding: optionalText(
      {
        vi: 'Phát hiện',
        en: 'Finding',
        about: {
          vi: 'Bắt buộc khi kết quả là minor-nc hoặc major-nc.',
          en: 'Required when the result is minor-nc or major-nc.',
        },
      },
      'Phát hiện phải là văn bản.',
    ),
  },
};

const AUDIT_CLOSE: OutcomeSchema = {
  type: 'object',
  ...labelled({ vi: 'Kết thúc đánh giá nội bộ', en: 'Closing of the internal audit' }),
  ...problem('required', 'Thiếu báo cáo đánh giá.'),
  required: ['report'],
  properties: {
    report: text({ vi: 'Báo cáo đánh giá', en: 'Audit report' }, 'Thiếu báo cáo đánh giá.'),
  },
};

const AUDIT_REPORT_APPROVAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Phê duyệt báo cáo đánh giá nội bộ',
    en: 'Approval of the internal audit report',
    about: {
      vi: 'Đại diện chất lượng (hoặc lãnh đạo) phê duyệt báo cáo thì cuộc đánh giá mới kết thúc; hoặc trả lại kèm ý kiến để trưởng đoàn đánh giá chỉnh sửa.',
      en: 'The Quality Representative (or the leader) approves the report, which closes the audit, or returns it with comments for the lead auditor to revise.',
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['decision'],
  properties: { decision: decision(['approve', 'return']) },
  oneOf: [
    {
      type: 'object',
      title: 'Phê duyệt',
      'x-en': { title: 'Approve' },
      required: ['decision'],
      properties: {
        decision: decision(['approve']),
        comments: optionalText({ vi: 'Ý kiến', en: 'Comments' }, 'Ý kiến phải là văn bản.'),
      },
    },
    {
      type: 'object',
      title: 'Trả lại',
      'x-en': { title: 'Return' },
      required: ['decision', 'comments'],
      properties: {
        decision: decision(['return']),
        comments: text(
          {
            vi: 'Ý kiến',
            en: 'Comments',
            about: { vi: 'Nội dung báo cáo cần chỉnh sửa.', en: 'What the report must change.' },
          },
          'Trả lại báo cáo phải kèm ý kiến.',
        ),
      },
    },
  ],
};

const CORRECTIVE_ACTION_PLAN: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Kế hoạch hành động khắc phục',
    en: 'Corrective action plan',
    about: {
      vi: 'ISO 10.2 a–c: khắc phục tức thời, nguyên nhân, hành động, người thực hiện và thời hạn.',
      en: 'ISO 10.2 a–c: the correction, the cause, the action, who and by when.',
    },
  }),
  ...problem('required', 'Thiếu kế hoạch khắc phục.'),
  required: ['correction', 'rootCause', 'action', 'ownerUserId', 'dueDate'],
  properties: {
    correction: text({ vi: 'Khắc phục tức thời', en: 'Correction' }, 'Thiếu biện pháp khắc phục tức thời.'),
    rootCause: text({ vi: 'Nguyên nhân gốc rễ', en: 'Root cause' }, 'Thiếu nguyên nhân gốc rễ.'),
    action: text({ vi: 'Hành động khắc phục', en: 'Corrective action' }, 'Thiếu hành động khắc phục.'),
    ownerUserId: reference(
      {
        vi: 'Người thực hiện',
        en: 'Owner',
        about: { vi: 'Trưởng đơn vị hoặc cán bộ của đơn vị.', en: 'The unit head or a member of its staff.' },
      },
      'Thiếu người thực hiện.',
    ),
    dueDate: date({ vi: 'Hạn hoàn thành', en: 'Due date' }, 'Hạn hoàn thành phải có dạng YYYY-MM-DD.'),
  },
};

const CORRECTIVE_ACTION_VERIFICATION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Kiểm tra hiệu lực hành động khắc phục',
    en: 'Verification of the corrective action',
    about: {
      vi: 'ISO 10.2 d: chưa hiệu lực thì mở lại hành động khắc phục.',
      en: 'ISO 10.2 d: not effective reopens the action.',
    },
  }),
  ...problem('required', 'Thiếu kết quả kiểm tra.'),
  required: ['effective', 'notes'],
  properties: {
    effective: {
      type: 'boolean',
      ...labelled({ vi: 'Có hiệu lực', en: 'Effective' }),
      ...problem('required', 'Phải kết luận hiệu lực hay không.'),
    },
    notes: text({ vi: 'Nhận xét kiểm tra', en: 'Verification notes' }, 'Phải ghi nhận xét kiểm tra.'),
  },
};

const reviewOutputList = (label: Label): OutcomeSchema => ({
  type: 'array',
  items: { type: 'string' },
  ...labelled(label),
  ...problem('required', 'Phải là danh sách (có thể rỗng).'),
});

const MANAGEMENT_REVIEW: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Kết quả họp xem xét của lãnh đạo',
    en: 'Management review outcome',
    about: {
      vi: 'ISO 9.3.3: đầu ra của xem xét và các hành động chuyển sang năm sau.',
      en: 'ISO 9.3.3: the outputs of the review and the actions carried into next year.',
    },
  }),
  ...problem('required', 'Thiếu kết quả họp xem xét.'),
  required: ['minutesRef', 'outputs', 'actions'],
  properties: {
    minutesRef: text({ vi: 'Số biên bản họp', en: 'Minutes reference' }, 'Thiếu số biên bản họp.'),
    outputs: {
      type: 'object',
      ...labelled({ vi: 'Đầu ra của xem xét', en: 'Review outputs' }),
      ...problem('required', 'Thiếu đầu ra của xem xét (ISO 9.3.3).'),
      required: ['improvementOpportunities', 'qmsChanges', 'resourceNeeds'],
      properties: {
        improvementOpportunities: reviewOutputList({
          vi: 'Cơ hội cải tiến',
          en: 'Improvement opportunities',
        }),
        qmsChanges: reviewOutputList({ vi: 'Thay đổi hệ thống quản lý chất lượng', en: 'QMS changes' }),
        resourceNeeds: reviewOutputList({ vi: 'Nhu cầu nguồn lực', en: 'Resource needs' }),
      },
    },
    actions: {
      type: 'array',
      ...labelled({ vi: 'Hành động', en: 'Actions' }),
      ...problem('required', 'Thiếu danh sách hành động.'),
      items: {
        type: 'object',
        ...labelled({ vi: 'Hành động', en: 'Action' }),
        ...problem('invalid-value', 'Hành động không hợp lệ.'),
        required: ['title', 'ownerUnitCode', 'dueDate'],
        properties: {
          title: text({ vi: 'Nội dung', en: 'Title' }, 'Thiếu nội dung hành động.'),
          ownerUnitCode: reference({ vi: 'Đơn vị chủ trì', en: 'Owning unit' }, 'Thiếu đơn vị chủ trì.'),
          ownerUserId: reference(
            {
              vi: 'Người chủ trì',
              en: 'Owner',
              about: {
                vi: 'Người được giao theo dõi hành động; để trống thì là trưởng đơn vị chủ trì.',
                en: 'Who follows the action up; when left out, the head of the owning unit.',
              },
            },
            'Người chủ trì không hợp lệ.',
          ),
          dueDate: date({ vi: 'Hạn', en: 'Due date' }, 'Hạn phải có dạng YYYY-MM-DD.'),
        },
      },
    },
    qmsJudgement: {
      type: 'object',
      ...labelled({
        vi: 'Đánh giá mục tiêu duy trì và cải tiến HTQLCL',
        en: 'Judgement of the QMS objective',
        about: {
          vi: 'Lãnh đạo kết luận mục tiêu 1 đạt hay không, theo tiêu chí và các dữ kiện từ hồ sơ.',
          en: 'The leader decides whether objective 1 was achieved, against its criteria and the facts from the records.',
        },
      }),
      ...problem('invalid-value', 'Đánh giá mục tiêu 1 không hợp lệ.'),
      required: ['achieved', 'notes'],
      properties: {
        achieved: {
          type: 'boolean',
          ...labelled({ vi: 'Đạt', en: 'Achieved' }),
          ...problem('required', 'Phải kết luận mục tiêu 1 đạt hay không.'),
        },
        notes: text({ vi: 'Căn cứ kết luận', en: 'Grounds' }, 'Phải nêu căn cứ kết luận.'),
      },
    },
    conclusion: {
      type: 'object',
      ...labelled({
        vi: 'Kết luận của xem xét',
        en: 'Conclusion of the review',
        about: {
          vi: 'ISO 9.3.1: hệ thống quản lý chất lượng có tiếp tục phù hợp, thỏa đáng và hiệu lực không.',
          en: 'ISO 9.3.1: whether the QMS remains suitable, adequate and effective.',
        },
      }),
      ...problem('invalid-value', 'Kết luận của xem xét không hợp lệ.'),
      required: ['suitable', 'adequate', 'effective'],
      properties: {
        suitable: {
          type: 'boolean',
          ...labelled({ vi: 'Phù hợp', en: 'Suitable' }),
          ...problem('required', 'Phải kết luận hệ thống có phù hợp không.'),
        },
        adequate: {
          type: 'boolean',
          ...labelled({ vi: 'Thỏa đáng', en: 'Adequate' }),
          ...problem('required', 'Phải kết luận hệ thống có thỏa đáng không.'),
        },
        effective: {
          type: 'boolean',
          ...labelled({ vi: 'Hiệu lực', en: 'Effective' }),
          ...problem('required', 'Phải kết luận hệ thống có hiệu lực không.'),
        },
        notes: optionalText({ vi: 'Nhận xét', en: 'Notes' }, 'Nhận xét phải là văn bản.'),
      },
    },
    attendees: textList(
      { vi: 'Thành phần tham dự', en: 'Attendees' },
      'Danh sách thành phần tham dự phải có ít nhất một người.',
    ),
    secretary: optionalText(
      { vi: 'Thư ký cuộc họp', en: 'Secretary of the meeting' },
      'Thư ký phải là văn bản.',
    ),
  },
};

/** An input of ISO 9.3.2 that only the Quality Representative can give (TCVN ISO 9001:2015 wording). */
const enteredInput = (label: Label): OutcomeSchema =>
  text(label, `Phải nhập "${label.vi}" (ghi "Không có thay đổi" nếu không có gì mới).`);

const compiledInputNote = (label: Label): OutcomeSchema => optionalText(label, 'Ghi chú phải là văn bản.');

/**
 * The Quality Representative prepares the management review (libs/domain review-preparation.ts):
 * the inputs of ISO 9.3.2 the records cannot hold, and optional notes on those the engine compiles.
 */
const REVIEW_PREPARATION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Chuẩn bị đầu vào xem xét của lãnh đạo',
    en: 'Management review inputs',
    about: {
      vi: 'ISO 9.3.2: các đầu vào hệ thống không có trong hồ sơ, và ghi chú cho các đầu vào hệ thống tổng hợp.',
      en: 'ISO 9.3.2: the inputs the records do not hold, and notes on those compiled from the records.',
    },
  }),
  ...problem('required', 'Thiếu đầu vào xem xét.'),
  required: [...REVIEW_ENTERED_INPUTS],
  properties: {
    changesInIssues: enteredInput({
      vi: 'b) Những thay đổi về các vấn đề bên ngoài và nội bộ liên quan đến hệ thống quản lý chất lượng',
      en: 'b) Changes in external and internal issues that are relevant to the quality management system',
    }),
    customerSatisfaction: enteredInput({
      vi: 'c1) Sự thỏa mãn của khách hàng và thông tin phản hồi từ các bên quan tâm liên quan',
      en: 'c1) Customer satisfaction and feedback from relevant interested parties',
    }),
    externalProviders: enteredInput({
      vi: 'c7) Kết quả thực hiện của nhà cung cấp bên ngoài',
      en: 'c7) The performance of external providers',
    }),
    resources: enteredInput({
      vi: 'd) Sự thỏa đáng của các nguồn lực',
      en: 'd) The adequacy of resources',
    }),
    risksAndOpportunities: enteredInput({
      vi: 'e) Hiệu lực của các hành động được thực hiện để giải quyết rủi ro và cơ hội',
      en: 'e) The effectiveness of actions taken to address risks and opportunities',
    }),
    notes: {
      type: 'object',
      ...labelled({
        vi: 'Ghi chú cho các đầu vào hệ thống tổng hợp',
        en: 'Notes on the inputs compiled from the records',
      }),
      ...problem('invalid-value', 'Ghi chú phải là một đối tượng.'),
      properties: {
        previousActions: compiledInputNote({
          vi: 'a) Tình trạng của các hành động từ các lần xem xét của lãnh đạo trước đó',
          en: 'a) The status of actions from previous management reviews',
        }),
        objectiveResults: compiledInputNote({
          vi: 'c2) Mức độ đạt được các mục tiêu chất lượng',
          en: 'c2) The extent to which quality objectives have been met',
        }),
        processPerformance: compiledInputNote({
          vi: 'c3) Kết quả thực hiện quá trình và sự phù hợp của sản phẩm và dịch vụ',
          en: 'c3) Process performance and conformity of products and services',
        }),
        nonconformitiesAndCorrectiveActions: compiledInputNote({
          vi: 'c4) Sự không phù hợp và hành động khắc phục',
          en: 'c4) Nonconformities and corrective actions',
        }),
        monitoringResults: compiledInputNote({
          vi: 'c5) Kết quả theo dõi và đo lường',
          en: 'c5) Monitoring and measurement results',
        }),
        auditResults: compiledInputNote({ vi: 'c6) Kết quả đánh giá', en: 'c6) Audit results' }),
        improvementOpportunities: compiledInputNote({
          vi: 'f) Các cơ hội cải tiến',
          en: 'f) Opportunities for improvement',
        }),
      },
    },
  },
};

const REVIEW_ACTION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Báo cáo thực hiện hành động sau họp xem xét',
    en: 'Report on a management review action',
    about: {
      vi: 'ISO 9.3.3: đã thực hiện hay chưa, kèm ghi chú và minh chứng (nếu có). Chưa xong đến cuối năm thì chuyển sang năm sau.',
      en: 'ISO 9.3.3: done or not, with a note and evidence if any. Not done by the year’s end, it is carried into next year.',
    },
  }),
  ...problem('required', 'Thiếu báo cáo thực hiện hành động.'),
  required: ['done', 'note'],
  properties: {
    done: {
      type: 'boolean',
      ...labelled({ vi: 'Đã thực hiện xong', en: 'Done' }),
      ...problem('required', 'Phải cho biết hành động đã xong hay chưa.'),
    },
    note: text({ vi: 'Ghi chú', en: 'Note' }, 'Phải ghi nội dung thực hiện.'),
    evidence: {
      type: 'array',
      items: { type: 'string', minLength: 1, pattern: NON_BLANK_PATTERN },
      ...labelled({ vi: 'Minh chứng', en: 'Evidence' }),
      ...problem('invalid-value', 'Minh chứng phải là danh sách văn bản không rỗng.'),
    },
  },
};

const proposalDecision = (values: readonly string[]): OutcomeSchema => ({
  type: 'string',
  enum: values,
  ...labelled({
    vi: 'Quyết định',
    en: 'Decision',
    about: {
      vi: 'open: mở điểm không phù hợp (hành động khắc phục theo ISO 10.2); decline: không mở, kèm lý do.',
      en: 'open: open the nonconformity (a corrective action, ISO 10.2); decline: do not, with the reason.',
    },
  }),
  ...problem('invalid-value', 'Quyết định phải là "open" hoặc "decline".'),
});

/**
 * The engine's proposal when a period's evaluation finds an objective missed (or its year's target
 * out of reach): the Quality Representative opens a nonconformity (libs/domain nonconformity.ts) or
 * declines with the reason.
 */
const NONCONFORMITY_PROPOSAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Đề xuất mở điểm không phù hợp do mục tiêu không đạt',
    en: 'Proposal to open a nonconformity for a missed objective',
    about: {
      vi: 'Mở điểm không phù hợp (mô tả, đơn vị, mức độ, người kiểm tra hiệu lực) hoặc không mở, kèm lý do.',
      en: 'Open a nonconformity (description, unit, severity, who verifies) or decline with the reason.',
    },
  }),
  ...problem('required', 'Thiếu kết quả xử lý.'),
  required: ['decision'],
  properties: { decision: proposalDecision(['open', 'decline']) },
  oneOf: [
    {
      type: 'object',
      title: 'Mở điểm không phù hợp',
      'x-en': { title: 'Open a nonconformity' },
      required: ['decision', 'description', 'unitCode', 'severity'],
      properties: {
        decision: proposalDecision(['open']),
        description: text(
          { vi: 'Mô tả điểm không phù hợp', en: 'Description of the nonconformity' },
          'Phải mô tả điểm không phù hợp.',
        ),
        unitCode: reference({ vi: 'Đơn vị liên quan', en: 'Unit concerned' }, 'Phải chọn đơn vị liên quan.'),
        severity: {
          type: 'string',
          enum: ['minor-nc', 'major-nc'],
          ...labelled({ vi: 'Mức độ', en: 'Severity' }),
          ...problem('invalid-value', 'Mức độ phải là minor-nc hoặc major-nc.'),
        },
        verifierUserId: {
          type: 'string',
          minLength: 1,
          ...labelled({
            vi: 'Người kiểm tra hiệu lực',
            en: 'Who verifies effectiveness',
            about: {
              vi: 'Bỏ trống: Đại diện chất lượng kiểm tra.',
              en: 'Left out: the Quality Representative verifies.',
            },
          }),
          ...problem('invalid-value', 'Người kiểm tra hiệu lực không hợp lệ.'),
        },
      },
    },
    {
      type: 'object',
      title: 'Không mở',
      'x-en': { title: 'Decline' },
      required: ['decision', 'reason'],
      properties: {
        decision: proposalDecision(['decline']),
        reason: text({ vi: 'Lý do', en: 'Reason' }, 'Không mở điểm không phù hợp phải nêu lý do.'),
      },
    },
  ],
};

/** The JSON Schema of each task kind's outcome. */
export const TASK_OUTCOME_SCHEMAS: { readonly [K in TaskKind]: OutcomeSchema } = {
  'objectives-approval': OBJECTIVES_APPROVAL,
  'objectives-revision': OBJECTIVES_REVISION,
  'assignment-acceptance': ASSIGNMENT_ACCEPTANCE,
  'unit-acceptance': UNIT_ACCEPTANCE,
  'measurement-report': MEASUREMENT_REPORT,
  'at-risk-follow-up': AT_RISK_FOLLOW_UP,
  'audit-plan': AUDIT_PLAN,
  'audit-step': AUDIT_STEP,
  'audit-close': AUDIT_CLOSE,
  'audit-report-approval': AUDIT_REPORT_APPROVAL,
  'corrective-action-plan': CORRECTIVE_ACTION_PLAN,
  'corrective-action-verification': CORRECTIVE_ACTION_VERIFICATION,
  'review-preparation': REVIEW_PREPARATION,
  'management-review': MANAGEMENT_REVIEW,
  'review-action': REVIEW_ACTION,
  'nonconformity-proposal': NONCONFORMITY_PROPOSAL,
};

/** `measurement-report` → `MeasurementReportOutcome`: the schema's name in the OpenAPI document. */
export function outcomeSchemaName(kind: TaskKind): string {
  return `${kind.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}Outcome`;
}

/**
 * A contextual rule, run where the walk reaches its location (`steps[].unitCode`, `[]` for any
 * item) once the value there has the right shape, so its problems come in the order of the form.
 * It adds them to `problems`; `parent` is the object holding the value.
 */
export type OutcomeRule = (
  value: unknown,
  at: { path: string; parent: Record<string, unknown>; problems: ProblemList },
) => void;
export type OutcomeRules = { readonly [location: string]: OutcomeRule };

/**
 * The problems with an outcome's shape, by its kind's schema: one per field, at the validators'
 * paths (`figures[0].indicatorId`, `steps[2].unitCode`, `outputs.qmsChanges`), with the field's
 * `x-problem` code and reason. `rules` lets a validator run its contextual checks in the same walk;
 * their problems are in the answer too.
 */
export function checkOutcomeShape(
  kind: TaskKind,
  outcome: unknown,
  rules: OutcomeRules = {},
): ValidationProblem[] {
  const problems = new ProblemList();
  const status = new ShapeWalk(problems, rules).walk(TASK_OUTCOME_SCHEMAS[kind], outcome, '', '', {});
  if (status === 'unreported') problems.add('', 'invalid-value', 'Kết quả xử lý không đúng dạng.');
  return problems.problems;
}

/**
 * `ok`: the value has its shape. `reported`: its problems are in the list. `unreported`: it is
 * wrong where the schema names no problem, so the nearest field that does reports it (a blank
 * item of an evidence list is the list's problem).
 */
type Status = 'ok' | 'reported' | 'unreported';

const worse = (a: Status, b: Status): Status =>
  a === 'unreported' || b === 'unreported'
    ? 'unreported'
    : a === 'reported' || b === 'reported'
      ? 'reported'
      : 'ok';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const compiledPatterns = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let regExp = compiledPatterns.get(pattern);
  if (!regExp) {
    regExp = new RegExp(pattern, 'u');
    compiledPatterns.set(pattern, regExp);
  }
  return regExp.test(value);
}

class ShapeWalk {
  constructor(
    private readonly problems: ProblemList,
    private readonly rules: OutcomeRules,
  ) {}

  walk(
    schema: OutcomeSchema,
    value: unknown,
    path: string,
    location: string,
    parent: Record<string, unknown>,
  ): Status {
    if (!hasOwnShape(schema, value)) return this.report(schema, path);
    let status: Status = 'ok';
    if (isObject(value)) status = this.object(schema, value, path, location);
    else if (Array.isArray(value) && schema.items) {
      const items = schema.items;
      value.forEach((item, i) => {
        status = worse(status, this.walk(items, item, `${path}[${i}]`, `${location}[]`, {}));
      });
    }
    if (status === 'unreported') return this.report(schema, path);
    if (status === 'ok') this.rules[location]?.(value, { path, parent, problems: this.problems });
    return status;
  }

  private object(
    schema: OutcomeSchema,
    value: Record<string, unknown>,
    path: string,
    location: string,
  ): Status {
    let status: Status = 'ok';
    const branch = schema.oneOf ? chooseBranch(schema.oneOf, value) : undefined;
    // A branch repeats the properties it shares with the base (its tag); each is walked once.
    const properties = { ...schema.properties, ...branch?.properties };
    const required = [...(schema.required ?? []), ...(branch?.required ?? [])];
    for (const [name, child] of Object.entries(properties)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const childLocation = location === '' ? name : `${location}.${name}`;
      if (value[name] === undefined) {
        if (required.includes(name)) status = worse(status, this.report(child, childPath));
        continue;
      }
      status = worse(status, this.walk(child, value[name], childPath, childLocation, value));
    }
    // No branch for the tag's value: the base schema's enum has already reported the tag.
    if (schema.oneOf && !branch && status === 'ok') status = 'unreported';
    return status;
  }

  private report(schema: OutcomeSchema, path: string): Status {
    const problem = schema['x-problem'];
    if (!problem) return 'unreported';
    this.problems.add(path, problem.code, problem.reason);
    return 'reported';
  }
}

/**
 * The `oneOf` branch an object takes, told by its tag: the property every branch requires with a
 * single enum value (`decision: approve | return`).
 */
function chooseBranch(
  branches: readonly OutcomeSchema[],
  value: Record<string, unknown>,
): OutcomeSchema | undefined {
  const tag = Object.keys(branches[0]?.properties ?? {}).find((name) =>
    branches.every(
      (branch) => branch.required?.includes(name) && branch.properties?.[name]?.enum?.length === 1,
    ),
  );
  if (tag === undefined) return undefined;
  return branches.find((branch) => branch.properties?.[tag]?.enum?.[0] === value[tag]);
}

/** The keywords about the value itself (not its properties or items). */
function hasOwnShape(schema: OutcomeSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'object':
      if (!isObject(value)) return false;
      break;
    case 'array':
      if (!Array.isArray(value)) return false;
      break;
    case 'string':
      if (typeof value !== 'string') return false;
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return false;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return false;
      break;
  }
  if (schema.enum && !schema.enum.includes(value as string | boolean)) return false;
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
    if (schema.pattern !== undefined && !matches(schema.pattern, value)) return false;
    if (schema.format === 'date' && !isIsoDate(value)) return false;
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return false;
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) return false;
  return true;
}
