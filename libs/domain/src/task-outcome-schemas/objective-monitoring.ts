import { PAPER_REPORT_REFERENCE_MAX_LENGTH } from '../paper-report';
import type { Label, OutcomeSchema } from './schema-kit';
import {
  caseCount,
  choice,
  date,
  labelled,
  optionalText,
  problem,
  reference,
  text,
  textList,
} from './schema-kit';

// The objective-monitoring workflow's tasks: a period's measurement report, the follow-up of an
// objective at risk, and the proposal to open a nonconformity for a missed objective.

const EVIDENCE_LABEL: Label = {
  vi: 'Minh chứng',
  en: 'Evidence',
  about: {
    vi: 'Số hiệu báo cáo, hồ sơ hoặc tệp làm căn cứ (ít nhất một).',
    en: 'Report numbers, records or files behind the answer (at least one).',
  },
};

export const MEASUREMENT_REPORT: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Báo cáo số liệu',
    en: 'Measurement report',
    about: {
      vi: 'Một số liệu cho mỗi chỉ số của mục tiêu trong kỳ, kèm minh chứng.',
      en: "One figure for each of the objective's indicators for the period, with evidence.",
    },
  }),
  ...problem('required', { vi: 'Thiếu số liệu báo cáo.', en: 'The report figures are missing.' }),
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
      ...problem('required', { vi: 'Thiếu số liệu.', en: 'The figures are missing.' }),
      items: {
        type: 'object',
        ...labelled({ vi: 'Số liệu của một chỉ số', en: "One indicator's figure" }),
        ...problem('invalid-value', { vi: 'Số liệu không hợp lệ.', en: 'The figures are not valid.' }),
        required: ['indicatorId'],
        properties: {
          indicatorId: reference(
            { vi: 'Chỉ số', en: 'Indicator' },
            { vi: 'Thiếu mã chỉ số.', en: 'The indicator id is missing.' },
          ),
          numerator: caseCount(
            {
              vi: 'Tử số',
              en: 'Numerator',
              about: { vi: 'Số trường hợp đạt trong kỳ.', en: 'Cases meeting the target in the period.' },
            },
            {
              vi: 'Tử số phải là số nguyên không âm.',
              en: 'The numerator must be a whole number, not negative.',
            },
          ),
          denominator: caseCount(
            {
              vi: 'Mẫu số',
              en: 'Denominator',
              about: { vi: 'Tổng số trường hợp trong kỳ.', en: 'All cases in the period.' },
            },
            {
              vi: 'Mẫu số phải là số nguyên không âm.',
              en: 'The denominator must be a whole number, not negative.',
            },
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
            {
              vi: 'Số hồ sơ đang giải quyết đã quá hạn phải là số nguyên không âm.',
              en: 'The pending overdue cases must be a whole number, not negative.',
            },
          ),
          value: caseCount(
            { vi: 'Số lượng', en: 'Count' },
            {
              vi: 'Số lượng phải là số nguyên không âm.',
              en: 'The count must be a whole number, not negative.',
            },
          ),
          achieved: {
            type: 'boolean',
            ...labelled({ vi: 'Đạt', en: 'Achieved' }),
            ...problem('invalid-value', {
              vi: 'Phải đánh giá đạt hoặc không đạt.',
              en: 'Assess it as met or not met.',
            }),
          },
        },
      },
    },
    evidence: textList(EVIDENCE_LABEL, {
      vi: 'Báo cáo phải kèm ít nhất một minh chứng.',
      en: 'The report needs at least one item of evidence.',
    }),
    note: optionalText(
      { vi: 'Ghi chú', en: 'Note' },
      { vi: 'Ghi chú phải là văn bản.', en: 'The note must be text.' },
    ),
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
      ...problem('invalid-value', {
        vi: 'Báo cáo bằng văn bản giấy phải có ngày và số, ký hiệu văn bản.',
        en: 'A paper report needs its date and its number and reference.',
      }),
      required: ['date', 'reference'],
      properties: {
        date: date(
          {
            vi: 'Ngày văn bản',
            en: 'Date of the paper report',
            about: { vi: 'Ngày ký báo cáo giấy.', en: 'The day the paper report was signed.' },
          },
          {
            vi: 'Ngày báo cáo giấy phải là một ngày có thật, dạng YYYY-MM-DD.',
            en: 'The paper report date must be a real day, written YYYY-MM-DD.',
          },
        ),
        reference: {
          ...text(
            {
              vi: 'Số, ký hiệu văn bản',
              en: 'Number and symbol of the paper report',
              about: { vi: 'Ví dụ 45/BC-VP.', en: 'For example 45/BC-VP.' },
            },
            {
              vi: `Phải ghi số, ký hiệu của báo cáo giấy (tối đa ${PAPER_REPORT_REFERENCE_MAX_LENGTH} ký tự).`,
              en: `Write the paper report's number and reference (at most ${PAPER_REPORT_REFERENCE_MAX_LENGTH} characters).`,
            },
          ),
          maxLength: PAPER_REPORT_REFERENCE_MAX_LENGTH,
        },
      },
    },
  },
};

export const AT_RISK_FOLLOW_UP: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Xử lý mục tiêu có nguy cơ không đạt',
    en: 'Follow-up of an objective at risk',
  }),
  ...problem('required', { vi: 'Phải ghi nội dung xử lý.', en: 'Write what is being done.' }),
  required: ['note'],
  properties: {
    note: text(
      { vi: 'Nội dung xử lý', en: 'What is being done' },
      { vi: 'Phải ghi nội dung xử lý.', en: 'Write what is being done.' },
    ),
  },
};

const proposalDecision = choice(
  {
    vi: 'open: mở điểm không phù hợp (hành động khắc phục theo ISO 10.2); decline: không mở, kèm lý do.',
    en: 'open: open the nonconformity (a corrective action, ISO 10.2); decline: do not, with the reason.',
  },
  { vi: 'Quyết định phải là "open" hoặc "decline".', en: 'The decision must be "open" or "decline".' },
);

/**
 * The engine's proposal when a period's evaluation finds an objective missed (or its year's target
 * out of reach): the Quality Representative opens a nonconformity (libs/domain nonconformity.ts) or
 * declines with the reason.
 */
export const NONCONFORMITY_PROPOSAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Đề xuất mở điểm không phù hợp do mục tiêu không đạt',
    en: 'Proposal to open a nonconformity for a missed objective',
    about: {
      vi: 'Mở điểm không phù hợp (mô tả, đơn vị, mức độ, người kiểm tra hiệu lực) hoặc không mở, kèm lý do.',
      en: 'Open a nonconformity (description, unit, severity, who verifies) or decline with the reason.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
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
          { vi: 'Phải mô tả điểm không phù hợp.', en: 'Describe the nonconformity.' },
        ),
        unitCode: reference(
          { vi: 'Đơn vị liên quan', en: 'Unit concerned' },
          { vi: 'Phải chọn đơn vị liên quan.', en: 'Choose the unit concerned.' },
        ),
        severity: {
          type: 'string',
          enum: ['minor-nc', 'major-nc'],
          ...labelled({ vi: 'Mức độ', en: 'Severity' }),
          ...problem('invalid-value', {
            vi: 'Phải chọn mức độ: không phù hợp nhẹ hoặc không phù hợp nặng.',
            en: 'Choose the severity: minor or major nonconformity.',
          }),
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
          ...problem('invalid-value', {
            vi: 'Người kiểm tra hiệu lực không hợp lệ.',
            en: 'The effectiveness verifier is not valid.',
          }),
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
        reason: text(
          { vi: 'Lý do', en: 'Reason' },
          {
            vi: 'Không mở điểm không phù hợp phải nêu lý do.',
            en: 'Not opening a nonconformity needs a reason.',
          },
        ),
      },
    },
  ],
};
