import type { OutcomeSchema } from './schema-kit';
import {
  date,
  decision,
  labelled,
  optionalText,
  problem,
  returnedWithComments,
  reference,
  text,
  textList,
} from './schema-kit';

// The internal-audit workflow's tasks (ISO 9.2): the plan, each step's result, the closing report
// and its approval.

export const AUDIT_RESULTS = ['conformity', 'observation', 'minor-nc', 'major-nc'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];

const STEP_ID_PATTERN = '^[a-z0-9-]{1,32}$';

export const AUDIT_PLAN: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Chương trình và kế hoạch đánh giá nội bộ',
    en: 'Internal audit programme and plan',
    about: {
      vi: 'ISO 9.2.2: phạm vi, chuẩn mực, phương pháp, thời gian và các bước đánh giá.',
      en: 'ISO 9.2.2: scope, criteria, methods, dates and the audit steps.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kế hoạch đánh giá.', en: 'The audit plan is missing.' }),
  required: ['scope', 'criteria', 'methods', 'from', 'to', 'steps'],
  properties: {
    scope: text(
      { vi: 'Phạm vi', en: 'Scope' },
      { vi: 'Thiếu phạm vi đánh giá.', en: 'The audit scope is missing.' },
    ),
    criteria: textList(
      {
        vi: 'Chuẩn mực đánh giá',
        en: 'Criteria',
        about: { vi: 'Ví dụ TCVN ISO 9001:2015.', en: 'E.g. TCVN ISO 9001:2015.' },
      },
      { vi: 'Thiếu chuẩn mực đánh giá.', en: 'The audit criteria are missing.' },
    ),
    methods: text(
      { vi: 'Phương pháp', en: 'Methods' },
      { vi: 'Thiếu phương pháp đánh giá.', en: 'The audit methods are missing.' },
    ),
    from: date(
      {
        vi: 'Từ ngày',
        en: 'From',
        about: { vi: 'Trong thời gian đánh giá của chu trình.', en: "Inside the cycle's audit window." },
      },
      { vi: 'Ngày phải có dạng YYYY-MM-DD.', en: 'The date must be written YYYY-MM-DD.' },
    ),
    to: date(
      {
        vi: 'Đến ngày',
        en: 'To',
        about: { vi: 'Trong thời gian đánh giá của chu trình.', en: "Inside the cycle's audit window." },
      },
      { vi: 'Ngày phải có dạng YYYY-MM-DD.', en: 'The date must be written YYYY-MM-DD.' },
    ),
    steps: {
      type: 'array',
      minItems: 1,
      ...labelled({ vi: 'Các bước đánh giá', en: 'Audit steps' }),
      ...problem('required', {
        vi: 'Kế hoạch phải có ít nhất một bước đánh giá.',
        en: 'The plan needs at least one audit step.',
      }),
      items: {
        type: 'object',
        ...labelled({ vi: 'Bước đánh giá', en: 'Audit step' }),
        ...problem('invalid-value', {
          vi: 'Bước đánh giá không hợp lệ.',
          en: 'The audit step is not valid.',
        }),
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
            ...problem('invalid-format', {
              vi: 'Mã bước chỉ gồm chữ thường, số và gạch ngang.',
              en: 'The step id may hold only lower-case letters, digits and dashes.',
            }),
          },
          process: text(
            { vi: 'Quá trình', en: 'Process' },
            { vi: 'Thiếu quá trình được đánh giá.', en: 'The process audited is missing.' },
          ),
          clause: text(
            {
              vi: 'Điều khoản',
              en: 'Clause',
              about: { vi: 'Điều khoản ISO 9001, ví dụ 8.5.1.', en: 'ISO 9001 clause, e.g. 8.5.1.' },
            },
            { vi: 'Thiếu điều khoản được đánh giá.', en: 'The clauses audited are missing.' },
          ),
          unitCode: reference(
            { vi: 'Đơn vị được đánh giá', en: 'Audited unit' },
            { vi: 'Thiếu đơn vị được đánh giá.', en: 'The unit audited is missing.' },
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
            { vi: 'Thiếu chuyên gia đánh giá.', en: 'The auditor is missing.' },
          ),
        },
      },
    },
  },
};

export const AUDIT_STEP: OutcomeSchema = {
  type: 'object',
  ...labelled({ vi: 'Kết quả bước đánh giá', en: 'Audit step result' }),
  ...problem('required', { vi: 'Thiếu kết quả đánh giá.', en: 'The audit result is missing.' }),
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
      ...problem('invalid-value', {
        // The words on the form's choices: an auditor never sees the codes.
        vi: 'Phải chọn kết quả: phù hợp, điểm lưu ý, không phù hợp nhẹ hoặc không phù hợp nặng.',
        en: 'Choose the result: Conformity, Observation, Minor nonconformity or Major nonconformity.',
      }),
    },
    evidence: textList(
      { vi: 'Bằng chứng đánh giá', en: 'Audit evidence' },
      { vi: 'Phải ghi bằng chứng đánh giá.', en: 'Write the audit evidence.' },
    ),
    notes: optionalText(
      { vi: 'Ghi chú', en: 'Notes' },
      { vi: 'Ghi chú phải là văn bản.', en: 'The note must be text.' },
    ),
    finding: optionalText(
      {
        vi: 'Phát hiện',
        en: 'Finding',
        about: {
          vi: 'Bắt buộc khi kết quả là minor-nc hoặc major-nc.',
          en: 'Required when the result is minor-nc or major-nc.',
        },
      },
      { vi: 'Phát hiện phải là văn bản.', en: 'The finding must be text.' },
    ),
  },
};

export const AUDIT_CLOSE: OutcomeSchema = {
  type: 'object',
  ...labelled({ vi: 'Kết thúc đánh giá nội bộ', en: 'Closing of the internal audit' }),
  ...problem('required', { vi: 'Thiếu báo cáo đánh giá.', en: 'The audit report is missing.' }),
  required: ['report'],
  properties: {
    report: text(
      { vi: 'Báo cáo đánh giá', en: 'Audit report' },
      { vi: 'Thiếu báo cáo đánh giá.', en: 'The audit report is missing.' },
    ),
  },
};

export const AUDIT_REPORT_APPROVAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Phê duyệt báo cáo đánh giá nội bộ',
    en: 'Approval of the internal audit report',
    about: {
      vi: 'Đại diện chất lượng (hoặc lãnh đạo) phê duyệt báo cáo thì cuộc đánh giá mới kết thúc; hoặc trả lại kèm ý kiến để trưởng đoàn đánh giá chỉnh sửa.',
      en: 'The Quality Representative (or the leader) approves the report, which closes the audit, or returns it with comments for the lead auditor to revise.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
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
        comments: optionalText(
          { vi: 'Ý kiến', en: 'Comments' },
          { vi: 'Ý kiến phải là văn bản.', en: 'The comments must be text.' },
        ),
      },
    },
    returnedWithComments(
      { vi: 'Nội dung báo cáo cần chỉnh sửa.', en: 'What the report must change.' },
      { vi: 'Trả lại báo cáo phải kèm ý kiến.', en: 'Returning the report needs comments.' },
    ),
  ],
};
