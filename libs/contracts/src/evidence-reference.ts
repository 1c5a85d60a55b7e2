/**
 * How an answer names an uploaded evidence file: `evidence:<id>` in its evidence list, next to texts
 * naming paper records (docs/evidence.md "Linking the file to the answer").
 */
const PREFIX = 'evidence:';

/** The reference an answer writes for a stored file. */
export const evidenceReference = (id: string): string => `${PREFIX}${id}`;

/** `evidence:<id>` → `<id>`; anything else (a text naming a paper record) → undefined. */
export function evidenceIdOf(text: string): string | undefined {
  return text.startsWith(PREFIX) && text.length > PREFIX.length ? text.slice(PREFIX.length) : undefined;
}

/**
 * A recorded answer's evidence list as its texts (paper records and `evidence:<id>` alike): a JSON
 * column does not know the type, so anything but a list of texts reads as none.
 */
export function evidenceListOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * The uploaded files a recorded payload names, wherever it holds an `evidence` list (a correction's,
 * an answer's `outcome.evidence`, a finding's): each `evidence:<id>` once, in the order met. Other
 * texts are words, even one that starts "evidence:".
 */
export function evidenceIdsIn(value: unknown, found = new Set<string>()): string[] {
  if (Array.isArray(value)) for (const item of value) evidenceIdsIn(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      if (key === 'evidence' && Array.isArray(item))
        for (const text of item) {
          const id = typeof text === 'string' ? evidenceIdOf(text) : undefined;
          if (id) found.add(id);
        }
      else evidenceIdsIn(item, found);
    }
  return [...found];
}
