// The decision's words besides its objectives, as the pages read, edit and compare them: plain code
// (no React), so that its users' pure helpers are unit-tested.

/** The decision's wording besides its objectives, as a year's draft holds it (libs/domain CycleDraft). */
export interface DraftWording {
  scope: { vi: string; en: string };
  qualityRepresentativeTitle: string;
  legalBases: string[];
  recipients: string[];
}

/** The wording of a draft the API gave (a CycleDraft, typed loosely). */
export function wordingOf(draft: object): DraftWording {
  const given = draft as Partial<DraftWording>;
  return {
    scope: given.scope ?? { vi: '', en: '' },
    qualityRepresentativeTitle: given.qualityRepresentativeTitle ?? '',
    legalBases: given.legalBases ?? [],
    recipients: given.recipients ?? [],
  };
}

/** The paths the draft's checker names for these fields (`validateCycleDraft`). */
export const WORDING_PATHS = [
  'scope',
  'qualityRepresentativeTitle',
  'legalBases',
  'recipients',
] as const satisfies readonly (keyof DraftWording)[];

/** One of the decision's other words (its scope, the title, the bases, the recipients). */
export type WordingField = (typeof WORDING_PATHS)[number];
