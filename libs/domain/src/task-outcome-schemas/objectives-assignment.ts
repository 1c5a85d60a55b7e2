import type { OutcomeSchema } from './schema-kit';
import { labelled, problem, reference } from './schema-kit';

// The objectives-assignment workflow's tasks: the objectives accepted and given to units, then by
// each unit to its staff.

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

export const ASSIGNMENT_ACCEPTANCE: OutcomeSchema = {
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

export const UNIT_ACCEPTANCE: OutcomeSchema = {
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
