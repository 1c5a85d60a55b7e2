import type { ProblemReason } from '../validation-problem';
import type { Label, OutcomeSchema } from './schema-kit';
import {
  date,
  decision,
  givenOnPaper,
  labelled,
  optionalText,
  optionalTextList,
  problem,
  returnedWithComments,
  text,
} from './schema-kit';

// The objectives-approval workflow's tasks: the leader's approval of the draft objectives, and its
// revision when returned.

/** `123/QĐ-UBND`: number, slash, document type and issuer abbreviations (Decree 30/2020/NĐ-CP). */
export const DOCUMENT_NUMBER_PATTERN = /^\d{1,6}\/Q\u0110-[A-Z\u0110]+(?:-[A-Z\u0110]+)*$/u;

export const OBJECTIVES_APPROVAL: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Phê duyệt mục tiêu chất lượng',
    en: 'Approval of the quality objectives',
    about: {
      vi: 'Lãnh đạo phê duyệt dự thảo (kèm số quyết định) hoặc trả lại kèm ý kiến (ISO 6.2).',
      en: 'The leader approves the draft (with the decision number) or returns it with comments (ISO 6.2).',
    },
  }),
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
  required: ['decision'],
  properties: {
    decision: decision(['approve', 'return']),
    // Either answer may have been given on paper and entered for the leader (answeredOnPaper).
    onPaper: givenOnPaper({
      vi: 'true: lãnh đạo đã ký quyết định (hoặc ghi ý kiến) trên bản giấy, Đại diện chất lượng ghi nhận thay; khi phê duyệt phải có ngày ký.',
      en: 'true: the leader signed the decision (or wrote the comments) on paper and the Quality Representative enters it; an approval then needs its signing date.',
    }),
    evidence: optionalTextList(
      {
        vi: 'Bản chụp văn bản đã ký',
        en: 'Scan of the signed paper',
        about: {
          vi: 'Tệp tải lên hồ sơ phê duyệt (evidence:<id>): bản chụp quyết định đã ký, đóng dấu, hoặc dự thảo có ý kiến của lãnh đạo.',
          en: "Files uploaded to the approval's record (evidence:<id>): the scan of the signed and sealed decision, or of the draft with the leader's comments.",
        },
      },
      {
        vi: 'Bản chụp phải là danh sách văn bản không rỗng.',
        en: 'The scans must be a list of texts, none empty.',
      },
    ),
  },
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
          ...problem('invalid-format', {
            vi: 'Số quyết định phải có dạng 123/QĐ-UBND.',
            en: 'The decision number must be written like 123/QĐ-UBND.',
          }),
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
          { vi: 'Ngày ký phải có dạng YYYY-MM-DD.', en: 'The signing date must be written YYYY-MM-DD.' },
        ),
        comments: optionalText(
          { vi: 'Ý kiến', en: 'Comments' },
          { vi: 'Ý kiến phải là văn bản.', en: 'The comments must be text.' },
        ),
      },
    },
    returnedWithComments(
      { vi: 'Nội dung cần chỉnh sửa.', en: 'What the draft must change.' },
      { vi: 'Trả lại dự thảo phải kèm ý kiến.', en: 'Returning the draft needs comments.' },
    ),
  ],
};

/** A list of texts of the draft: its shape here, what each says checked with the draft (`legalBases[1]`). */
const draftTexts = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'array',
  items: { type: 'string' },
  ...labelled(label),
  ...problem('invalid-value', reason),
});

export const OBJECTIVES_REVISION: OutcomeSchema = {
  type: 'object',
  ...labelled({
    vi: 'Chỉnh sửa dự thảo mục tiêu',
    en: 'Revision of the draft objectives',
    about: {
      vi: 'Đại diện chất lượng chỉnh sửa dự thảo bị trả lại.',
      en: 'The Quality Representative revises the returned draft.',
    },
  }),
  ...problem('required', { vi: 'Thiếu kết quả xử lý.', en: 'The answer is missing.' }),
  required: ['note'],
  properties: {
    note: text(
      { vi: 'Nội dung chỉnh sửa', en: 'What was revised' },
      { vi: 'Phải nêu nội dung đã chỉnh sửa.', en: 'Say what was revised.' },
    ),
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
      ...problem('invalid-value', {
        vi: 'Danh sách mục tiêu chỉnh sửa không hợp lệ.',
        en: 'The list of revised objectives is not valid.',
      }),
    },
    // The decision's other words, each in place of the draft's when revised. Only their shapes here:
    // the workflow checks what they say as it checks a draft (a blank legal basis is named by its place).
    scope: {
      type: 'object',
      required: ['vi', 'en'],
      properties: {
        vi: optionalText(
          { vi: 'Phạm vi áp dụng (tiếng Việt)', en: 'Scope (Vietnamese)' },
          { vi: 'Phạm vi áp dụng phải là văn bản.', en: 'The scope must be text.' },
        ),
        en: optionalText(
          { vi: 'Phạm vi áp dụng (tiếng Anh)', en: 'Scope (English)' },
          { vi: 'Phạm vi áp dụng phải là văn bản.', en: 'The scope must be text.' },
        ),
      },
      ...labelled({
        vi: 'Phạm vi áp dụng sau chỉnh sửa',
        en: 'Revised scope',
        about: {
          vi: 'Nơi áp dụng hệ thống ("áp dụng tại …"), tiếng Việt và tiếng Anh.',
          en: 'Where the system applies ("áp dụng tại …"), in Vietnamese and English.',
        },
      }),
      ...problem('invalid-value', {
        vi: 'Phạm vi áp dụng phải có bản tiếng Việt và tiếng Anh.',
        en: 'The scope needs its Vietnamese and English texts.',
      }),
    },
    qualityRepresentativeTitle: optionalText(
      { vi: 'Chức danh của Đại diện chất lượng sau chỉnh sửa', en: "Revised Quality Representative's title" },
      {
        vi: 'Chức danh của Đại diện chất lượng phải là văn bản.',
        en: "The Quality Representative's title must be text.",
      },
    ),
    legalBases: draftTexts(
      {
        vi: 'Căn cứ ban hành sau chỉnh sửa',
        en: 'Revised legal bases',
        about: {
          vi: 'Toàn bộ các căn cứ, mỗi căn cứ nguyên văn; bỏ trống để giữ nguyên.',
          en: "Every legal basis, each word for word; leave out to keep the draft's.",
        },
      },
      { vi: 'Các căn cứ phải là một danh sách văn bản.', en: 'The legal bases must be a list of texts.' },
    ),
    recipients: draftTexts(
      {
        vi: 'Nơi nhận sau chỉnh sửa',
        en: 'Revised recipients',
        about: {
          vi: 'Toàn bộ nơi nhận; bỏ trống để giữ nguyên.',
          en: "Every recipient; leave out to keep the draft's.",
        },
      },
      { vi: 'Nơi nhận phải là một danh sách văn bản.', en: 'The recipients must be a list of texts.' },
    ),
  },
};
