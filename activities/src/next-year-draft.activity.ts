import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { qualityCycleId } from '@qcycle/contracts';
import {
  draftFromDecision,
  type CycleDraft,
  type DraftWording,
  type IsoInstant,
  type Objective,
  type ReviewActionFollowUp,
} from '@qcycle/domain';
import { NextYearDraftEntity } from '@qcycle/persistence';
import { appendEvent, logEntry } from './cycle-record.activities';

/** What the cycle knows at its close, for next year's draft (domain facts, no rows). */
export interface NextYearDraftFacts {
  cycleId: string;
  /** The cycle workflow's id: the event is `${cycleWorkflowId}/next-year-draft`. */
  cycleWorkflowId: string;
  organisationCode: string;
  year: number;
  /** The draft this year's cycle started from: scope, standard, legal bases, signer, recipients. */
  draft: CycleDraft;
  /** This year's approved objectives, indicators and targets (the decision), and its words when it kept them. */
  decision: { objectives: Objective[]; wording?: DraftWording };
  /** Every action of this year's review with its status at the close; none when it was not held. */
  reviewActions: ReviewActionFollowUp[];
  preparedAt: IsoInstant;
}

export interface NextYearDraftPrepared {
  nextCycleId: string;
  year: number;
  carriedActions: number;
}

/**
 * Next year's draft at the close (issue #9 "Next year"): made from this year's decision
 * (libs/domain `draftFromDecision`), stored with the review's actions in `next_year_drafts` (one
 * row per closed cycle, written once: a retry finds it) with the event
 * `cycle.next-year-draft-prepared`. The Quality Representative starts next year from it.
 */
export async function prepareNextYearDraft(
  dataSource: DataSource,
  facts: NextYearDraftFacts,
): Promise<NextYearDraftPrepared> {
  const year = facts.year + 1;
  const nextCycleId = qualityCycleId(facts.organisationCode, year);
  const draft = draftFromDecision(facts.draft, facts.decision, year);
  const carriedActions = facts.reviewActions.filter((action) => action.status !== 'done').length;
  await dataSource.transaction(async (manager) => {
    // simple-json columns are serialised by TypeORM; its deep-partial type does not model that.
    const row = {
      cycleId: facts.cycleId,
      nextCycleId,
      organisationCode: facts.organisationCode,
      year,
      draft,
      previousActions: facts.reviewActions,
      preparedAt: facts.preparedAt,
      startedAt: null,
      startedBy: null,
    } as unknown as QueryDeepPartialEntity<NextYearDraftEntity>;
    await manager.createQueryBuilder().insert().into(NextYearDraftEntity).values(row).orIgnore().execute();
    await appendEvent(
      manager,
      logEntry(
        facts.cycleId,
        `${facts.cycleWorkflowId}/next-year-draft`,
        'cycle.next-year-draft-prepared',
        'system',
        facts.preparedAt,
        { nextCycleId, year, carriedActions },
      ),
    );
  });
  return { nextCycleId, year, carriedActions };
}
