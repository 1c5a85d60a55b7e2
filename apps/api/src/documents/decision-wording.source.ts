import { Injectable } from '@nestjs/common';
import { QcycleError, QcycleErrorCode, qualityCycleWorkflowId } from '@qcycle/contracts';
import { rehearsalShiftMs } from '@qcycle/domain';
import { CycleStartSource } from '../temporal/cycle-start.source';
import type { DecisionWording } from './decision-document';
import { documentCalendar, type DocumentCalendar } from './document-calendar';

/**
 * The wording of the decision besides its objectives (legal bases, scope, standard, signer and
 * signing mode, Quality Representative, recipients). It is the draft the cycle was started with:
 * the leader approves it with the objectives as revised, and the `decisions` record keeps only the
 * number, signer, dates and objectives. It is read from the cycle workflow's start input (the
 * first event of its history), which Temporal keeps for the namespace's retention after the year
 * closes; the document register keeps every issued version for good.
 */
@Injectable()
export class DecisionWordingSource {
  constructor(private readonly starts: CycleStartSource) {}

  async wording(organisationCode: string, year: number): Promise<DecisionWording> {
    const start = await this.starts.startOf(organisationCode, year);
    if (!start?.input.draft)
      throw new QcycleError(QcycleErrorCode.NotFound, 'decisionWording', {
        year,
        workflowId: qualityCycleWorkflowId(organisationCode, year),
      });
    const { draft, rehearsal } = start.input;
    return {
      organisation: draft.organisation,
      year: draft.year,
      scope: draft.scope,
      standard: draft.standard,
      legalBases: draft.legalBases,
      signer: draft.signer,
      qualityRepresentativeTitle: draft.qualityRepresentativeTitle,
      recipients: draft.recipients,
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
