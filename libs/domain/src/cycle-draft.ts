import type { LocalizedText } from './localized-text';
import type { Objective } from './objective';

/** A division or unit that can own objectives (Article 4: "các phòng, đơn vị"). */
export interface OrganisationUnit {
  /** Lower-case slug, e.g. `vp-tonghop`. */
  code: string;
  name: LocalizedText;
}

export interface Organisation {
  /** Lower-case slug used in cycle and workflow ids, e.g. `kontum`. */
  code: string;
  name: LocalizedText;
  units: OrganisationUnit[];
}

/**
 * How a signer signs for the body (Decree 30/2020/NĐ-CP on clerical work): `KT.` (ký thay) a deputy
 * for the head, `TL.` (thừa lệnh) and `TUQ.` (thừa ủy quyền) by delegation, `Q.` (quyền) acting head.
 */
export const SIGNING_MODES = ['KT.', 'TL.', 'TUQ.', 'Q.'] as const;
export type SigningMode = (typeof SIGNING_MODES)[number];

export interface Signer {
  name: string;
  /** The signer's own title, e.g. `Phó Chủ tịch`. */
  title: string;
  /** Absent when the head signs in their own capacity. */
  signingMode?: SigningMode;
  /** Whose place the signer takes, e.g. `Chủ tịch` (required with `KT.`, `TL.`, `TUQ.`). */
  onBehalfOfTitle?: string;
  /** A collective body signs "TM." (thay mặt), e.g. `Ủy ban nhân dân`. */
  collectiveBody?: string;
}

/**
 * Everything the Quality Representative prepares for the leader to approve: the year's objectives
 * and the wording of the decision that will issue them (ISO 6.2, Articles 1–4 of the seed).
 */
export interface CycleDraft {
  organisation: Organisation;
  year: number;
  /** Where the QMS applies, e.g. "Ủy ban nhân dân tỉnh và Văn phòng Ủy ban nhân dân tỉnh". */
  scope: LocalizedText;
  /** The standard the QMS follows, e.g. `TCVN ISO 9001:2015`. */
  standard: string;
  /** The "Căn cứ …" paragraphs, verbatim with their closing punctuation. */
  legalBases: string[];
  objectives: Objective[];
  signer: Signer;
  /** Title of the Quality Representative who proposes and runs the objectives (Article 2). */
  qualityRepresentativeTitle: string;
  /** "Nơi nhận" items without list punctuation; the document adds the `;` and the final `.`. */
  recipients: string[];
}

/** The decision's words besides its objectives that the Quality Representative may revise. */
export const DRAFT_WORDING_FIELDS = [
  'scope',
  'qualityRepresentativeTitle',
  'legalBases',
  'recipients',
] as const;
export type DraftWording = Pick<CycleDraft, (typeof DRAFT_WORDING_FIELDS)[number]>;

/** A draft's wording (its scope, Quality Representative's title, legal bases and recipients). */
export function wordingOf(draft: DraftWording): DraftWording {
  return {
    scope: draft.scope,
    qualityRepresentativeTitle: draft.qualityRepresentativeTitle,
    legalBases: draft.legalBases,
    recipients: draft.recipients,
  };
}

/** The wording fields given in `edit` (an answer, a request body), in place of `wording`'s. */
export function wordingEdited(wording: DraftWording, edit: Partial<DraftWording>): DraftWording {
  return {
    scope: edit.scope ?? wording.scope,
    qualityRepresentativeTitle: edit.qualityRepresentativeTitle ?? wording.qualityRepresentativeTitle,
    legalBases: edit.legalBases ?? wording.legalBases,
    recipients: edit.recipients ?? wording.recipients,
  };
}

/**
 * The signature block lines above the signer's name, upper-cased as decisions print them:
 * `['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']`.
 */
export function signatureBlock(signer: Signer): string[] {
  // toUpperCase (not toLocaleUpperCase) uses the Unicode default mapping: the same on every machine.
  const lines: string[] = [];
  if (signer.collectiveBody) lines.push(`TM. ${signer.collectiveBody.toUpperCase()}`);
  if (signer.signingMode === 'Q.') {
    lines.push(`Q. ${(signer.onBehalfOfTitle ?? signer.title).toUpperCase()}`);
    return lines;
  }
  if (signer.signingMode && signer.onBehalfOfTitle) {
    lines.push(`${signer.signingMode} ${signer.onBehalfOfTitle.toUpperCase()}`);
  }
  lines.push(signer.title.toUpperCase());
  return lines;
}

/** A deep, mutable copy. A draft is plain JSON data, so a JSON round trip copies it exactly. */
export function cloneCycleDraft(draft: CycleDraft): CycleDraft {
  return JSON.parse(JSON.stringify(draft)) as CycleDraft;
}
