import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { QcycleError, QcycleErrorCode, qualityCycleId, qualityCycleWorkflowId } from '@qcycle/contracts';
import { rehearsalShiftMs, wordingEdited, type DraftWording } from '@qcycle/domain';
import { DecisionEntity } from '@qcycle/persistence';
import { CycleStartSource } from '../temporal/cycle-start.source';
import type { DecisionWording } from './decision-document';
import { documentCalendar, type DocumentCalendar } from './document-calendar';

/**
 * The wording of the decision besides its objectives (legal bases, scope, standard, signer and
 * signing mode, Quality Representative, recipients). It is the draft the cycle was started with,
 * read from the cycle workflow's start input (the first event of its history), which Temporal keeps
 * for the namespace's retention after the year closes; once approved, the scope, legal bases,
 * recipients and Quality Representative's title are the decision's as its record keeps them (a
 * revision may have changed them; null on decisions recorded before they were kept). The document
 * register keeps every issued version for good.
 */
@Injectable()
export class DecisionWordingSource {
  constructor(
    private readonly starts: CycleStartSource,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The decision's wording; for a round of the draft not yet approved, with `round`'s words (its
   * task's form; none on a round opened before forms carried them, when no revision could change them).
   */
  async wording(
    organisationCode: string,
    year: number,
    round?: Partial<DraftWording>,
  ): Promise<DecisionWording> {
    const start = await this.starts.startOf(organisationCode, year);
    if (!start?.input.draft)
      throw new QcycleError(QcycleErrorCode.NotFound, 'decisionWording', {
        year,
        workflowId: qualityCycleWorkflowId(organisationCode, year),
      });
    const { draft, rehearsal } = start.input;
    const approved = round
      ? null
      : await this.dataSource.getRepository(DecisionEntity).findOne({
          where: { cycleId: qualityCycleId(organisationCode, year) },
          select: { id: true, wording: true },
        });
    return {
      organisation: draft.organisation,
      year: draft.year,
      standard: draft.standard,
      signer: draft.signer,
      ...wordingEdited(draft, round ?? (approved?.wording as DraftWording | null) ?? {}),
      ...(rehearsal ? { rehearsal: true } : {}),
    };
  }

  /**
   * The days the cycle's documents name: a rehearsal's shift, computed as the cycle computes it
   * (`rehearsalShiftMs` of its calendar's year, its start and `rehearsalFrom`). Once Temporal no
   * longer keeps the history, a real year's days: the documents issued stay in the register as
   * they were issued.
   */
  async calendar(organisationCode: string, year: number): Promise<DocumentCalendar> {
    const start = await this.starts.startOf(organisationCode, year);
    if (!start?.input.rehearsal) return documentCalendar(false, 0);
    const { input, startedAtMs } = start;
    return documentCalendar(true, rehearsalShiftMs(input.calendar.year, startedAtMs, input.rehearsalFrom));
  }
}
