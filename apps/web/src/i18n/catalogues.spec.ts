import { qualityEventTypes } from '@qcycle/contracts';
import { TASK_KINDS } from '../tasks/task-types';
import { EVIDENCE_RECORD_TYPES } from '../ui/evidence-api';
import { catalogues, NAMESPACES } from './catalogues';

/** Every key path of a catalogue, e.g. `nav.myTasks`. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

describe('the vi and en catalogues of the web app', () => {
  it.each(NAMESPACES)('namespace %s has the same keys in both languages, none empty', (namespace) => {
    const vi = keyPaths(catalogues.vi[namespace]).sort();
    const en = keyPaths(catalogues.en[namespace]).sort();
    expect(vi.length).toBeGreaterThan(0);
    expect(en).toEqual(vi);
    const empty = (tree: unknown) =>
      keyPaths(tree).filter((path) => {
        const leaf = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], tree);
        return typeof leaf !== 'string' || leaf.trim() === '';
      });
    expect(empty(catalogues.vi[namespace])).toEqual([]);
    expect(empty(catalogues.en[namespace])).toEqual([]);
  });

  it('addresses its user as "bạn" on every Vietnamese screen; "ông/bà" is the letters\' (the e-mails)', () => {
    const leaves = (tree: unknown): string[] =>
      typeof tree === 'string' ? [tree] : Object.values(tree as Record<string, unknown>).flatMap(leaves);
    const formal = NAMESPACES.flatMap((namespace) =>
      leaves(catalogues.vi[namespace]).filter((text) => /ông\/bà/i.test(text)),
    );
    expect(formal).toEqual([]);
  });

  it('names every kind of task, in both languages, in the one place every page reads it (tasks:kind)', () => {
    for (const language of ['vi', 'en'] as const) {
      const kinds = catalogues[language].tasks.kind as Record<string, unknown>;
      const unnamed = TASK_KINDS.filter((kind) => typeof kinds[kind] !== 'string');
      expect({ language, unnamed }).toEqual({ language, unnamed: [] });
    }
  });

  it('names every record a file is added to, in both languages (an upload in a history says where it went)', () => {
    for (const language of ['vi', 'en'] as const) {
      const records = (catalogues[language].tasks.history as { record: Record<string, unknown> }).record;
      const unnamed = EVIDENCE_RECORD_TYPES.filter((type) => typeof records[type] !== 'string');
      expect({ language, unnamed }).toEqual({ language, unnamed: [] });
    }
  });

  it('names every event type the engine records, in both languages (a history never shows a code)', () => {
    const at = (tree: unknown, path: string) =>
      path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], tree);
    for (const language of ['vi', 'en'] as const) {
      const unnamed = qualityEventTypes.filter(
        (type) =>
          typeof at(catalogues[language].cycles, `eventType.${type}`) !== 'string' &&
          typeof at(catalogues[language].tasks, `history.type.${type}`) !== 'string',
      );
      expect({ language, unnamed }).toEqual({ language, unnamed: [] });
    }
  });
});
