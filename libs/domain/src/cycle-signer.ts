import type { Signer } from './cycle-draft';

/**
 * How the chosen leader signs the decision (Decree 30/2020/NĐ-CP): `TM.` the Chairman signs for
 * the Committee (`TM. ỦY BAN NHÂN DÂN` / `CHỦ TỊCH`), `KT.` a Vice Chairman signs in the Chairman's
 * place (`TM. ỦY BAN NHÂN DÂN` / `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`), as the Kon Tum seed does.
 */
export const CYCLE_SIGNING_MODES = ['TM.', 'KT.'] as const;
export type CycleSigningMode = (typeof CYCLE_SIGNING_MODES)[number];

/** A leader of the organisation's directory who may sign (active, with the `leader` role). */
export interface SignerCandidate {
  userId: string;
  name: string;
  title?: string;
}

/** A refusal naming the request field it is about, e.g. `signerUserId`. */
export interface SignerRefusal {
  field: 'signerUserId' | 'signingMode';
  reason: string;
}

export type SignerChoice<T extends SignerCandidate> = { signer: T } | { refused: SignerRefusal };

/**
 * Who signs the year's decision and approves the objectives (issue #9): the leader the request
 * names; else the leader the draft names as its signer (the Quality Representative's draft
 * designates them); else the organisation's only leader. Several leaders and none designated:
 * the caller must choose. Never "the first leader by name".
 */
export function chooseCycleSigner<T extends SignerCandidate>(
  leaders: readonly T[],
  request: { signerUserId?: string; draftSignerName?: string },
): SignerChoice<T> {
  if (request.signerUserId !== undefined) {
    const chosen = leaders.find((l) => l.userId === request.signerUserId);
    return chosen
      ? { signer: chosen }
      : {
          refused: {
            field: 'signerUserId',
            reason: `${request.signerUserId} is not an active leader of the organisation (role leader)`,
          },
        };
  }
  const named = sameName(request.draftSignerName)
    ? leaders.filter((l) => sameName(l.name) === sameName(request.draftSignerName))
    : [];
  if (named.length === 1) return { signer: named[0] };
  if (leaders.length === 1) return { signer: leaders[0] };
  return {
    refused: {
      field: 'signerUserId',
      reason:
        leaders.length === 0
          ? 'the organisation has no active leader'
          : `the organisation has ${leaders.length} leaders and the draft's signer is none of them: choose who signs (signerUserId, GET /api/v1/people)`,
    },
  };
}

/**
 * The draft's signature block for the chosen signer: their name, and the mode the request asks
 * for or, without one, the draft's. The Chairman's title is the one the draft signs for
 * (`onBehalfOfTitle`, or its own title when it has none); a Vice Chairman's title is the draft's when
 * it already signs `KT.`, else the directory's.
 */
export function signerForCycle(
  draftSigner: Signer,
  person: { name: string; title?: string },
  mode?: CycleSigningMode,
): { signer: Signer } | { refused: SignerRefusal } {
  if (mode === undefined) return { signer: { ...draftSigner, name: person.name } };
  const headTitle = draftSigner.onBehalfOfTitle ?? draftSigner.title;
  if (mode === 'TM.') {
    if (!draftSigner.collectiveBody)
      return {
        refused: {
          field: 'signingMode',
          reason: 'TM. signs for a collective body, and the draft names none (signer.collectiveBody)',
        },
      };
    return {
      signer: { name: person.name, title: headTitle, collectiveBody: draftSigner.collectiveBody },
    };
  }
  const deputyTitle = draftSigner.signingMode === 'KT.' ? draftSigner.title : person.title;
  if (!deputyTitle?.trim())
    return {
      refused: {
        field: 'signingMode',
        reason: "KT. needs the signer's own title: the draft signs otherwise and the directory has none",
      },
    };
  return {
    signer: {
      name: person.name,
      title: deputyTitle,
      signingMode: 'KT.',
      onBehalfOfTitle: headTitle,
      ...(draftSigner.collectiveBody ? { collectiveBody: draftSigner.collectiveBody } : {}),
    },
  };
}

function sameName(name: string | undefined): string {
  return (name ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
