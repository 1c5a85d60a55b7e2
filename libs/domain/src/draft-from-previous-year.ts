import type { CycleDraft, DraftWording } from './cycle-draft';
import { cloneCycleDraft } from './cycle-draft';

/**
 * Next year's draft from this year's (DESIGN §2.1: "from last year's"): same objectives, indicators,
 * owners and ids — so results compare year on year — with the year in the wording moved on
 * ("Chương trình công tác năm 2024" → "năm 2025", "tháng 12/2024" → "tháng 12/2025").
 *
 * The legal bases are copied untouched: they cite documents by their own dates. Inside the wording,
 * a year that is part of a standard or document number is left alone too (`ISO 9001:2015`,
 * `19/2014/QĐ-TTg`). The signer and recipients are kept as a starting point for the leader to confirm.
 */
export function draftFromPreviousYear(draft: CycleDraft, newYear: number): CycleDraft {
  if (!Number.isInteger(newYear)) throw new RangeError(`year must be an integer, got ${newYear}`);
  const next = cloneCycleDraft(draft);
  const moveYear = (text: string) => replaceYear(text, draft.year, newYear);
  next.year = newYear;
  next.scope = { vi: moveYear(next.scope.vi), en: moveYear(next.scope.en) };
  next.objectives = next.objectives.map((objective) => replaceYearInStrings(objective, moveYear));
  return next;
}

function replaceYear(text: string, from: number, to: number): string {
  // Not preceded by ":" (ISO 9001:2015) nor followed by "/" (19/2014/QĐ-TTg), not inside a longer number.
  const pattern = new RegExp(`(?<![\\d:])${from}(?![\\d/])`, 'g');
  return text.replace(pattern, String(to));
}

function replaceYearInStrings<T>(value: T, replace: (text: string) => string): T {
  if (typeof value === 'string') return replace(value) as T;
  if (Array.isArray(value)) return value.map((item) => replaceYearInStrings(item, replace)) as T;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, child]) => [
      key,
      // Ids are slugs kept across years; only wording moves.
      key === 'id' || key === 'ownerUnitCode' ? child : replaceYearInStrings(child, replace),
    ]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}

/**
 * Next year's draft from this year's approved decision (issue #9 "Next year"): the objectives,
 * indicators and targets as the leader approved them — revisions included, which the year's starting
 * draft may not have — and the decision's words (scope, legal bases, recipients, the Quality
 * Representative's title) as approved, when the decision kept them; the rest of the draft
 * (standard, signer) as this year's cycle had it, all moved on to `newYear` by
 * {@link draftFromPreviousYear}. An organisation's first year has no decision and starts from a
 * template instead.
 */
export function draftFromDecision(
  thisYearsDraft: CycleDraft,
  decision: { objectives: CycleDraft['objectives']; wording?: DraftWording | null },
  newYear: number,
): CycleDraft {
  return draftFromPreviousYear(
    { ...thisYearsDraft, ...(decision.wording ?? {}), objectives: decision.objectives },
    newYear,
  );
}
