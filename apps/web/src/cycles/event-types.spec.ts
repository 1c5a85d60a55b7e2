import { qualityEventTypes } from '@qcycle/contracts';
import { catalogues } from '../i18n/catalogues';
import { EVENT_TYPES } from './event-types';

describe("the history's choice of event types", () => {
  const offered = Object.entries(EVENT_TYPES).flatMap(([group, types]) =>
    types.map((type) => ({ group, type: type as string })),
  );

  it('offers every type the engine records, once, in the group its prefix names', () => {
    expect(offered.map((o) => o.type).sort()).toEqual([...qualityEventTypes].sort());
    expect(offered.filter((o) => !o.type.startsWith(`${o.group}.`))).toEqual([]);
  });

  it('names every group in both languages', () => {
    for (const language of ['vi', 'en'] as const) {
      const groups = catalogues[language].cycles.eventGroup as Record<string, unknown>;
      const unnamed = Object.keys(EVENT_TYPES).filter((group) => typeof groups[group] !== 'string');
      expect({ language, unnamed }).toEqual({ language, unnamed: [] });
    }
  });
});
