import type { FormObjective } from '../task-types';
import { WORDING_PATHS, type DraftWording, type WordingField } from '../../cycles/decision-wording';

/** The parts of an objective a revision may change, as the approval page names them. */
export const OBJECTIVE_PARTS = ['title', 'indicators', 'frequency', 'owner', 'plan'] as const;
export type ObjectivePart = (typeof OBJECTIVE_PARTS)[number];

/** What a round's draft changed from the draft the leader returned last time. */
export interface RoundChanges {
  /** The ids of objectives this round added. */
  added: string[];
  /** For each objective kept and changed (by id), which of its parts changed. */
  changed: Record<string, ObjectivePart[]>;
  /** The objectives the returned draft had and this one has not. */
  removed: FormObjective[];
  /** The decision's other words this round changed. */
  wording: WordingField[];
}

/**
 * A value as the decision prints it: each text in Vietnamese only. The editor keeps one text for both
 * languages where the English was not given apart, so a title typed again has a new English text;
 * the decision the leader signs, which is in Vietnamese, did not change.
 */
function printed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(printed);
  if (value === null || typeof value !== 'object') return value ?? null;
  const entries = Object.entries(value);
  if ('vi' in value && entries.every(([key]) => key === 'vi' || key === 'en')) return value.vi;
  return Object.fromEntries(entries.map(([key, v]) => [key, printed(v)]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(printed(a)) === JSON.stringify(printed(b));

/** An objective's part as compared (its number is left out: removing one renumbers the rest). */
function partOf(objective: FormObjective, part: ObjectivePart): unknown {
  switch (part) {
    case 'title':
      return objective.title;
    case 'indicators':
      return objective.indicators;
    case 'frequency':
      return objective.frequency;
    case 'owner':
      return objective.ownerUnitCode ?? objective.proposedUnitCode;
    case 'plan':
      return objective.plan;
  }
}

/**
 * Compares this round's draft with the one returned, as the decision prints them (in Vietnamese):
 * objectives by id, each of their parts, and the decision's words field by field. A round opened
 * before forms carried the words compares none.
 */
export function roundChanges(
  returned: { objectives: FormObjective[]; wording?: DraftWording },
  now: { objectives: FormObjective[]; wording?: DraftWording },
): RoundChanges {
  const before = new Map(returned.objectives.map((o) => [o.id, o]));
  const ids = new Set(now.objectives.map((o) => o.id));
  const changed: Record<string, ObjectivePart[]> = {};
  for (const objective of now.objectives) {
    const was = before.get(objective.id);
    if (!was) continue;
    const parts = OBJECTIVE_PARTS.filter((part) => !same(partOf(was, part), partOf(objective, part)));
    if (parts.length > 0) changed[objective.id] = parts;
  }
  const { wording: last } = returned;
  const { wording } = now;
  return {
    added: now.objectives.filter((o) => !before.has(o.id)).map((o) => o.id),
    changed,
    removed: returned.objectives.filter((o) => !ids.has(o.id)),
    wording: last && wording ? WORDING_PATHS.filter((field) => !same(last[field], wording[field])) : [],
  };
}

/** Whether the round changed nothing at all. */
export const unchanged = (changes: RoundChanges) =>
  changes.added.length === 0 &&
  Object.keys(changes.changed).length === 0 &&
  changes.removed.length === 0 &&
  changes.wording.length === 0;
