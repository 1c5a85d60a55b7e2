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
