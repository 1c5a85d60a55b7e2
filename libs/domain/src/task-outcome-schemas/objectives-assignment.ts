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
  ...problem('invalid-value', { vi: 'Phải tiếp nhận mục tiêu.', en: 'The objectives must be accepted.' }),
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
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
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
      ...problem('required', { vi: 'Thiếu phân công.', en: 'The assignments are missing.' }),
      items: {
        type: 'object',
        ...labelled({ vi: 'Giao mục tiêu cho đơn vị', en: 'An objective given to a unit' }),
        ...problem('invalid-value', { vi: 'Phân công không hợp lệ.', en: 'The assignment is not valid.' }),
        required: ['objectiveId', 'unitCode'],
        properties: {
          objectiveId: reference(
            { vi: 'Mục tiêu', en: 'Objective' },
            { vi: 'Thiếu mục tiêu được phân công.', en: 'The objective assigned is missing.' },
          ),
          unitCode: reference(
            { vi: 'Đơn vị', en: 'Unit' },
            { vi: 'Thiếu đơn vị được phân công.', en: 'The unit assigned is missing.' },
          ),
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
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
  required: ['accepted'],
  properties: {
    accepted: ACCEPTED,
    staffDelegations: {
      type: 'array',
      ...labelled({ vi: 'Phân công cá nhân', en: 'Staff delegations' }),
      ...problem('invalid-value', {
        vi: 'Phân công cá nhân không hợp lệ.',
        en: 'The personal assignment is not valid.',
      }),
      items: {
        type: 'object',
        ...labelled({ vi: 'Giao mục tiêu cho cán bộ', en: 'An objective given to a staff member' }),
        ...problem('invalid-value', {
          vi: 'Phân công cá nhân không hợp lệ.',
          en: 'The personal assignment is not valid.',
        }),
        required: ['objectiveId', 'userId'],
        properties: {
          objectiveId: reference(
            { vi: 'Mục tiêu', en: 'Objective' },
            { vi: 'Thiếu mục tiêu được phân công.', en: 'The objective assigned is missing.' },
          ),
          userId: reference(
            { vi: 'Cán bộ', en: 'Staff member' },
            { vi: 'Thiếu người được phân công.', en: 'The person assigned is missing.' },
          ),
        },
      },
    },
  },
};
