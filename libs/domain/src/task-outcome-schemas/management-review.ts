import { REVIEW_ENTERED_INPUTS } from '../review-preparation';
import type { Label, OutcomeSchema } from './schema-kit';
import {
  date,
  givenOnPaper,
  labelled,
  optionalText,
  optionalTextList,
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
  ...problem('required', { vi: 'Phải là danh sách (có thể rỗng).', en: 'Must be a list (it may be empty).' }),
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
  ...problem('required', {
    vi: 'Thiếu kết quả họp xem xét.',
    en: 'The management review result is missing.',
  }),
  required: ['minutesRef', 'outputs', 'actions'],
  properties: {
    onPaper: givenOnPaper({
      vi: 'true: lãnh đạo chủ trì cuộc họp và ký biên bản trên giấy, Đại diện chất lượng ghi nhận thay.',
      en: 'true: the leader chaired the meeting and signed its minutes on paper, and the Quality Representative enters them.',
    }),
    minutesRef: text(
      { vi: 'Số biên bản họp', en: 'Minutes reference' },
      { vi: 'Thiếu số biên bản họp.', en: 'The minutes reference is missing.' },
    ),
    heldOn: date(
      {
        vi: 'Ngày họp',
        en: 'Meeting day',
        about: {
          vi: 'Ngày ghi trên biên bản, trong năm của chu trình hoặc năm sau, không sau hôm nay; để trống thì lấy ngày ghi nhận. Bắt buộc khi ghi nhận biên bản ký trên giấy.',
          en: "The day on the minutes, in the cycle's year or the next, not after today; defaults to the day they are entered. Required for minutes signed on paper.",
        },
      },
      { vi: 'Ngày họp phải có dạng YYYY-MM-DD.', en: 'The meeting day must be written YYYY-MM-DD.' },
    ),
    outputs: {
      type: 'object',
      ...labelled({ vi: 'Đầu ra của xem xét', en: 'Review outputs' }),
      ...problem('required', {
        vi: 'Thiếu đầu ra của xem xét (ISO 9.3.3).',
        en: 'The review outputs are missing (ISO 9.3.3).',
      }),
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
      ...problem('required', { vi: 'Thiếu danh sách hành động.', en: 'The list of actions is missing.' }),
      items: {
        type: 'object',
        ...labelled({ vi: 'Hành động', en: 'Action' }),
        ...problem('invalid-value', { vi: 'Hành động không hợp lệ.', en: 'The action is not valid.' }),
        required: ['title', 'ownerUnitCode', 'dueDate'],
        properties: {
          title: text(
            { vi: 'Nội dung', en: 'Title' },
            { vi: 'Thiếu nội dung hành động.', en: "The action's title is missing." },
          ),
          ownerUnitCode: reference(
            { vi: 'Đơn vị chủ trì', en: 'Owning unit' },
            { vi: 'Thiếu đơn vị chủ trì.', en: 'The owning unit is missing.' },
          ),
          ownerUserId: reference(
            {
              vi: 'Người chủ trì',
              en: 'Owner',
              about: {
                vi: 'Người được giao theo dõi hành động; để trống thì là trưởng đơn vị chủ trì.',
                en: 'Who follows the action up; when left out, the head of the owning unit.',
              },
            },
            { vi: 'Người chủ trì không hợp lệ.', en: 'The person in charge is not valid.' },
          ),
          dueDate: date(
            { vi: 'Hạn', en: 'Due date' },
            { vi: 'Hạn phải có dạng YYYY-MM-DD.', en: 'The due date must be written YYYY-MM-DD.' },
          ),
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
      ...problem('invalid-value', {
        vi: 'Đánh giá mục tiêu 1 không hợp lệ.',
        en: 'The assessment of objective 1 is not valid.',
      }),
      required: ['achieved', 'notes'],
      properties: {
        achieved: {
          type: 'boolean',
          ...labelled({ vi: 'Đạt', en: 'Achieved' }),
          ...problem('required', {
            vi: 'Phải kết luận mục tiêu 1 đạt hay không.',
            en: 'Conclude whether objective 1 is met.',
          }),
        },
        notes: text(
          { vi: 'Căn cứ kết luận', en: 'Grounds' },
          { vi: 'Phải nêu căn cứ kết luận.', en: 'Give the grounds of the conclusion.' },
        ),
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
      ...problem('invalid-value', {
        vi: 'Kết luận của xem xét không hợp lệ.',
        en: "The review's conclusion is not valid.",
      }),
      required: ['suitable', 'adequate', 'effective'],
      properties: {
        suitable: {
          type: 'boolean',
          ...labelled({ vi: 'Phù hợp', en: 'Suitable' }),
          ...problem('required', {
            vi: 'Phải kết luận hệ thống có phù hợp không.',
            en: 'Conclude whether the system is suitable.',
          }),
        },
        adequate: {
          type: 'boolean',
          ...labelled({ vi: 'Thỏa đáng', en: 'Adequate' }),
          ...problem('required', {
            vi: 'Phải kết luận hệ thống có thỏa đáng không.',
            en: 'Conclude whether the system is adequate.',
          }),
        },
        effective: {
          type: 'boolean',
          ...labelled({ vi: 'Hiệu lực', en: 'Effective' }),
          ...problem('required', {
            vi: 'Phải kết luận hệ thống có hiệu lực không.',
            en: 'Conclude whether the system is effective.',
          }),
        },
        notes: optionalText(
          { vi: 'Nhận xét', en: 'Notes' },
          { vi: 'Nhận xét phải là văn bản.', en: 'The notes must be text.' },
        ),
      },
    },
    attendees: textList(
      { vi: 'Thành phần tham dự', en: 'Attendees' },
      {
        vi: 'Danh sách thành phần tham dự phải có ít nhất một người.',
        en: 'The attendees must include at least one person.',
      },
    ),
    secretary: optionalText(
      { vi: 'Thư ký cuộc họp', en: 'Secretary of the meeting' },
      { vi: 'Thư ký phải là văn bản.', en: 'The secretary must be text.' },
    ),
  },
};

/** An input of ISO 9.3.2 that only the Quality Representative can give (TCVN ISO 9001:2015 wording). */
const enteredInput = (label: Label): OutcomeSchema =>
  text(label, {
    vi: `Phải nhập "${label.vi}" (ghi "Không có thay đổi" nếu không có gì mới).`,
    en: `Fill in "${label.en}" (write "No change" if there is nothing new).`,
  });

const compiledInputNote = (label: Label): OutcomeSchema =>
  optionalText(label, { vi: 'Ghi chú phải là văn bản.', en: 'The note must be text.' });

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
  ...problem('required', { vi: 'Thiếu đầu vào xem xét.', en: 'The review inputs are missing.' }),
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
      ...problem('invalid-value', {
        vi: 'Ghi chú phải là một đối tượng.',
        en: 'The notes must be an object.',
      }),
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
  ...problem('required', { vi: 'Thiếu báo cáo thực hiện hành động.', en: 'The action report is missing.' }),
  required: ['done', 'note'],
  properties: {
    done: {
      type: 'boolean',
      ...labelled({ vi: 'Đã thực hiện xong', en: 'Done' }),
      ...problem('required', {
        vi: 'Phải cho biết hành động đã xong hay chưa.',
        en: 'Say whether the action is done.',
      }),
    },
    note: text(
      { vi: 'Ghi chú', en: 'Note' },
      { vi: 'Phải ghi nội dung thực hiện.', en: 'Write what was done.' },
    ),
    evidence: optionalTextList(
      { vi: 'Minh chứng', en: 'Evidence' },
      {
        vi: 'Minh chứng phải là danh sách văn bản không rỗng.',
        en: 'The evidence must be a list of texts, none empty.',
      },
    ),
  },
};
