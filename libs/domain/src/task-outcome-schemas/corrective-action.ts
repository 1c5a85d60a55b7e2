import type { OutcomeSchema } from './schema-kit';
import { date, labelled, problem, reference, text } from './schema-kit';

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
