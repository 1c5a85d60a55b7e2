import type { OutcomeSchema } from './schema-kit';
import { date, labelled, optionalTextList, problem, reference, text } from './schema-kit';

// The corrective-action workflow's tasks (ISO 10.2): the plan and the verification of its effect.

export const CORRECTIVE_ACTION_PLAN: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Kế hoạch hành động khắc phục',
    en: 'Corrective action plan',
    about: {
      vi: 'ISO 10.2 a–c: khắc phục tức thời, nguyên nhân, hành động, người thực hiện và thời hạn.',
      en: 'ISO 10.2 a–c: the correction, the cause, the action, who and by when.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kế hoạch khắc phục.', en: 'The corrective action plan is missing.' }),
  required: ['correction', 'rootCause', 'action', 'ownerUserId', 'dueDate'],
  properties: {
    correction: text(
      { vi: 'Khắc phục tức thời', en: 'Correction' },
      { vi: 'Thiếu biện pháp khắc phục tức thời.', en: 'The correction is missing.' },
    ),
    rootCause: text(
      { vi: 'Nguyên nhân gốc rễ', en: 'Root cause' },
      { vi: 'Thiếu nguyên nhân gốc rễ.', en: 'The root cause is missing.' },
    ),
    action: text(
      { vi: 'Hành động khắc phục', en: 'Corrective action' },
      { vi: 'Thiếu hành động khắc phục.', en: 'The corrective action is missing.' },
    ),
    ownerUserId: reference(
      {
        vi: 'Người thực hiện',
        en: 'Owner',
        about: { vi: 'Trưởng đơn vị hoặc cán bộ của đơn vị.', en: 'The unit head or a member of its staff.' },
      },
      { vi: 'Thiếu người thực hiện.', en: 'The person responsible is missing.' },
    ),
    dueDate: date(
      { vi: 'Hạn hoàn thành', en: 'Due date' },
      { vi: 'Hạn hoàn thành phải có dạng YYYY-MM-DD.', en: 'The due date must be written YYYY-MM-DD.' },
    ),
    evidence: optionalTextList(
      {
        vi: 'Minh chứng thực hiện',
        en: 'Evidence of the correction',
        about: {
          vi: 'Tệp tải lên hồ sơ hành động khắc phục hoặc hồ sơ giấy, để người kiểm tra hiệu lực xem.',
          en: "Files uploaded to the corrective action's record, or paper records, for the verifier to see.",
        },
      },
      {
        vi: 'Minh chứng phải là danh sách văn bản không rỗng.',
        en: 'The evidence must be a list of texts, none empty.',
      },
    ),
  },
};

export const CORRECTIVE_ACTION_VERIFICATION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Kiểm tra hiệu lực hành động khắc phục',
    en: 'Verification of the corrective action',
    about: {
      vi: 'ISO 10.2 d: chưa hiệu lực thì mở lại hành động khắc phục.',
      en: 'ISO 10.2 d: not effective reopens the action.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kết quả kiểm tra.', en: 'The verification result is missing.' }),
  required: ['effective', 'notes'],
  properties: {
    effective: {
      type: 'boolean',
      ...labelled({ vi: 'Có hiệu lực', en: 'Effective' }),
      ...problem('required', {
        vi: 'Phải kết luận hiệu lực hay không.',
        en: 'Conclude whether it was effective.',
      }),
    },
    notes: text(
      { vi: 'Nhận xét kiểm tra', en: 'Verification notes' },
      { vi: 'Phải ghi nhận xét kiểm tra.', en: 'Write the verification notes.' },
    ),
    evidence: optionalTextList(
      {
        vi: 'Minh chứng kiểm tra',
        en: 'Evidence of the verification',
        about: {
          vi: 'Hồ sơ đã kiểm tra hoặc tệp tải lên hồ sơ hành động khắc phục (ảnh chụp, biên bản kiểm tra).',
          en: "The records checked, or files uploaded to the corrective action's record (photos, the check's minutes).",
        },
      },
      {
        vi: 'Minh chứng phải là danh sách văn bản không rỗng.',
        en: 'The evidence must be a list of texts, none empty.',
      },
    ),
  },
};
