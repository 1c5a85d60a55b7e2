import { Inject, Injectable } from '@nestjs/common';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  QcycleError,
  QcycleErrorCode,
  qualityCycleWorkflowId,
  type StartQualityCycleInput,
} from '@qcycle/contracts';
import { QCYCLE_CONFIG, type QcycleConfig } from '@qcycle/config';
import { TemporalClientProvider } from '../temporal/temporal-client.module';
import type { DecisionWording } from './decision-document';

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
  constructor(
    private readonly temporal: TemporalClientProvider,
    @Inject(QCYCLE_CONFIG) private readonly config: QcycleConfig,
  ) {}

  async wording(organisationCode: string, year: number): Promise<DecisionWording> {
    const workflowId = qualityCycleWorkflowId(organisationCode, year);
    let input: StartQualityCycleInput | undefined;
    try {
      const history = await this.temporal.client.workflowService.getWorkflowExecutionHistory({
        namespace: this.config.temporal.namespace,
        execution: { workflowId },
        maximumPageSize: 1,
      });
      const payload =
        history.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      input = payload ? defaultPayloadConverter.fromPayload<StartQualityCycleInput>(payload) : undefined;
    } catch (error) {
      // gRPC NOT_FOUND (5): the workflow's history is gone (retention) or never was.
      if ((error as { code?: number }).code !== 5) throw error;
    }
    if (!input?.draft)
      throw new QcycleError(QcycleErrorCode.NotFound, 'decisionWording', { year, workflowId });
    const { draft } = input;
    return {
      organisation: draft.organisation,
      year: draft.year,
      scope: draft.scope,
      standard: draft.standard,
      legalBases: draft.legalBases,
      signer: draft.signer,
      qualityRepresentativeTitle: draft.qualityRepresentativeTitle,
      recipients: draft.recipients,
    };
  }
}
