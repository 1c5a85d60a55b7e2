import { REVIEW_ENTERED_INPUTS } from '../review-preparation';
import type { Label, OutcomeSchema } from './schema-kit';
import {
  NON_BLANK_PATTERN,
  date,
  labelled,
  optionalText,
  problem,
  reference,
  text,
  textList,
} from './schema-kit';

// The management-review workflow's tasks (ISO 9.3): the inputs' preparation, the review's outcome
// and the report on each of its actions.

const reviewOutputList = (label: Label): OutcomeSchema => ({
  type: 'array',
  items: { type: 'string' },
  ...labelled(label),
  ...problem('required', 'Phải là danh sách (có thể rỗng).'),
});

export const MANAGEMENT_REVIEW: OutcomeSchema = {
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
export const REVIEW_PREPARATION: OutcomeSchema = {
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

export const REVIEW_ACTION: OutcomeSchema = {
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
