import type { ProblemReason, ValidationProblemCode } from '../validation-problem';

// The schema type and the field builders every kind's outcome schema is written with.

/**
 * The shape of every task's answer, written once as JSON Schema. The API publishes these schemas
 * (OpenAPI components, each task's `outcomeSchema`) so forms and clients read the same contract,
 * and the workflow validators check the shape with {@link checkOutcomeShape} before their
 * contextual rules (known units, the audit window, …): the browser may check the shape, the
 * workflow decides.
 *
 * Only a subset of JSON Schema draft 2020-12 is used, one that is also a valid OpenAPI 3.0 Schema
 * Object (no `const`, no type arrays): `type`, `properties`, `required`, `items`, `minItems`,
 * `enum`, `minLength`, `maxLength`, `pattern`, `format: date`, `minimum`, `oneOf` (told apart by a property with
 * one enum value per branch), `title`, `description`. Two extensions: `x-en` carries the English
 * title and description (Vietnamese is the default and the legal wording), `x-problem` the code and
 * reason, in Vietnamese (`reason`) and English (`reasonEn`), reported when the field's value is missing or has the wrong shape.
 *
 * Unknown fields are not refused (no `additionalProperties: false`): the workflows have always
 * accepted and recorded answers with extra fields, and a contract must not make them invalid.
 */
export interface OutcomeSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  readonly title?: string;
  readonly description?: string;
  readonly 'x-en'?: { readonly title: string; readonly description?: string };
  readonly 'x-problem'?: {
    readonly code: ValidationProblemCode;
    readonly reason: string;
    readonly reasonEn: string;
  };
  readonly properties?: { readonly [name: string]: OutcomeSchema };
  readonly required?: readonly string[];
  readonly oneOf?: readonly OutcomeSchema[];
  readonly items?: OutcomeSchema;
  readonly minItems?: number;
  readonly enum?: readonly (string | boolean)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: 'date';
  readonly minimum?: number;
}

/** A non-blank text: at least one character that is not white space. */
export const NON_BLANK_PATTERN = '\\S';
/** `YYYY-MM-DD`; `format: date` adds that it is a real calendar day (not `2024-02-30`). */
const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export interface Label {
  vi: string;
  en: string;
  /** What to write, for the form's help text. */
  about?: { vi: string; en: string };
}

export const labelled = ({ vi, en, about }: Label) => ({
  title: vi,
  ...(about ? { description: about.vi } : {}),
  'x-en': { title: en, ...(about ? { description: about.en } : {}) },
});

export const problem = (code: ValidationProblemCode, reason: ProblemReason) => ({
  'x-problem': { code, reason: reason.vi, reasonEn: reason.en },
});

/** Required non-blank text: missing or blank is one `required` problem, as the validators always said. */
export const text = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'string',
  minLength: 1,
  pattern: NON_BLANK_PATTERN,
  ...labelled(label),
  ...problem('required', reason),
});

/** Optional free text: any string, empty included (the workflows never refused an empty note). */
export const optionalText = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'string',
  ...labelled(label),
  ...problem('invalid-value', reason),
});

/** A reference (unit code, user id, indicator id): a string; whether it exists is contextual. */
export const reference = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'string',
  minLength: 1,
  ...labelled(label),
  ...problem('required', reason),
});

export const date = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'string',
  format: 'date',
  pattern: ISO_DATE_PATTERN,
  ...labelled(label),
  ...problem('invalid-format', reason),
});

/**
 * `onPaper`: the leader gave this answer on paper and the Quality Representative enters it for them
 * (`PAPER_ANSWERED_KINDS`, `answeredOnPaper`); `about` says what the paper is.
 */
export const givenOnPaper = (about: NonNullable<Label['about']>): OutcomeSchema => ({
  type: 'boolean',
  ...labelled({ vi: 'Lãnh đạo cho ý kiến trên giấy', en: 'Given on paper by the leader', about }),
  ...problem('invalid-value', {
    vi: 'Giá trị "cho trên giấy" (onPaper) phải là true hoặc false.',
    en: 'The "given on paper" value (onPaper) must be true or false.',
  }),
});

/** A list of non-blank texts with at least one item; any bad item is reported on the list. */
export const textList = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1, pattern: NON_BLANK_PATTERN },
  ...labelled(label),
  ...problem('required', reason),
});

/** An optional list of non-blank texts, empty included (what an answer may rest on, when it rests on anything). */
export const optionalTextList = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'array',
  items: { type: 'string', minLength: 1, pattern: NON_BLANK_PATTERN },
  ...labelled(label),
  ...problem('invalid-value', reason),
});

export const caseCount = (label: Label, reason: ProblemReason): OutcomeSchema => ({
  type: 'integer',
  minimum: 0,
  ...labelled(label),
  ...problem('invalid-value', reason),
});

/**
 * A decision field: the answer's `decision`, one of `values`, with what each choice means and the
 * refusal of any other value.
 */
export const choice =
  (about: NonNullable<Label['about']>, refusal: ProblemReason) =>
  (values: readonly string[]): OutcomeSchema => ({
    type: 'string',
    enum: values,
    ...labelled({ vi: 'Quyết định', en: 'Decision', about }),
    ...problem('invalid-value', refusal),
  });

/** The approve-or-return decision of an approval (the objectives, the internal audit report). */
export const decision = choice(
  {
    vi: 'approve: phê duyệt và ký quyết định; return: trả lại dự thảo kèm ý kiến.',
    en: 'approve: approve and sign the decision; return: send the draft back with comments.',
  },
  { vi: 'Quyết định phải là "approve" hoặc "return".', en: 'The decision must be "approve" or "return".' },
);

/** An approval's "return" answer: the decision and the comments that say what must change. */
export const returnedWithComments = (
  about: NonNullable<Label['about']>,
  refusal: ProblemReason,
): OutcomeSchema => ({
  type: 'object',
  title: 'Trả lại',
  'x-en': { title: 'Return' },
  required: ['decision', 'comments'],
  properties: {
    decision: decision(['return']),
    comments: text({ vi: 'Ý kiến', en: 'Comments', about }, refusal),
  },
});
