import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Catalogue = Record<string, unknown>;
const cache = new Map<string, Catalogue>();

function catalogue(language: 'vi' | 'en', namespace: string): Catalogue {
  const key = `${language}/${namespace}`;
  let found = cache.get(key);
  if (!found) {
    found = JSON.parse(
      readFileSync(join(__dirname, '../../../apps/web/src/i18n', language, `${namespace}.json`), 'utf8'),
    ) as Catalogue;
    cache.set(key, found);
  }
  return found;
}

function lookup(entries: Catalogue, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Catalogue | undefined)?.[part], entries);
}

/**
 * A text of the web app as a person reads it: `ns:key` from the app's own catalogues
 * (apps/web/src/i18n/<language>/<ns>.json), with `{{name}}` filled in, and i18next's plural forms
 * (`key_other`, `key_one`) when `count` is given. The browser suites find controls by role and this
 * accessible name, so a reworded label moves with the catalogue, while a missing one fails loudly.
 */
export function text(
  language: 'vi' | 'en',
  id: string,
  values: Record<string, string | number> = {},
): string {
  const [namespace, key] = id.includes(':') ? id.split(':', 2) : ['common', id];
  const entries = catalogue(language, namespace);
  const candidates =
    values.count === undefined
      ? [key]
      : [`${key}_${values.count === 1 ? 'one' : 'other'}`, `${key}_other`, key];
  const found = candidates.map((k) => lookup(entries, k)).find((v) => typeof v === 'string') as
    string | undefined;
  if (found === undefined) throw new Error(`the ${language} catalogue has no text ${id}`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/** The Vietnamese text (the app's default language). */
export const vi = (id: string, values?: Record<string, string | number>) => text('vi', id, values);
/** The English text (after the language switch). */
export const en = (id: string, values?: Record<string, string | number>) => text('en', id, values);
