import type { components } from '../../api/schema';
import { evidenceReferenceOf } from '../../ui/evidence';

type Schemas = components['schemas'];

/** The year's papers the leader signs on paper after qcycle records them, by their document type. */
export const SIGNED_PAPERS = ['objectives-decision', 'review-minutes'] as const;
export type SignedPaper = (typeof SIGNED_PAPERS)[number];

export interface SignedPaperScans {
  /** The scans of the signed paper on record, oldest first. */
  files: { id: string; fileName: string }[];
  /** Where a scan is added: none before the paper is recorded (the decision approved, the review held). */
  record: Schemas['SignedCopyRecordView'] | null | undefined;
}

/**
 * Each signed paper's scans and the record they are added to, from `GET /cycles/{id}/decision` and
 * `…/review` (null or undefined when unreadable or not yet recorded).
 */
export function signedPapersOf(
  decision: Schemas['DecisionView'] | null | undefined,
  review: Schemas['ReviewView'] | null | undefined,
): Record<SignedPaper, SignedPaperScans> {
  return {
    'objectives-decision': { files: decision?.files ?? [], record: decision?.signedCopyRecord },
    'review-minutes': {
      // The review's files include what its inputs and actions rest on: the minutes' are in `evidence`.
      files: (review?.files ?? []).filter((file) =>
        (review?.evidence ?? []).includes(evidenceReferenceOf(file.id)),
      ),
      record: review?.signedCopyRecord,
    },
  };
}

/** The papers recorded as signed whose scan is not on record: what the year's dossier would lack. */
export const unscannedPapers = (papers: Record<SignedPaper, SignedPaperScans>): SignedPaper[] =>
  SIGNED_PAPERS.filter((type) => papers[type].record && papers[type].files.length === 0);
