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

export const AUDIT_STEP: OutcomeSchema = {
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

export const AUDIT_CLOSE: OutcomeSchema = {
  type: 'object',
  ...labelled({ vi: 'Kết thúc đánh giá nội bộ', en: 'Closing of the internal audit' }),
  ...problem('required', 'Thiếu báo cáo đánh giá.'),
  required: ['report'],
  properties: {
    report: text({ vi: 'Báo cáo đánh giá', en: 'Audit report' }, 'Thiếu báo cáo đánh giá.'),
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
    returnedWithComments(
      { vi: 'Nội dung báo cáo cần chỉnh sửa.', en: 'What the report must change.' },
      'Trả lại báo cáo phải kèm ý kiến.',
    ),
  ],
};
