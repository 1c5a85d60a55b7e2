import { defineUpdate } from '@temporalio/workflow';
import type { IsoInstant, ObjectiveStatus, ReportedFigure } from '@qcycle/domain';

/**
 * Correct a period's reported figures before the year closes (issue #9): the period's reporter or
 * the head of the objective's unit, with a reason (libs/domain `checkMeasurementCorrection`). Send
 * it to the objective's monitoring workflow (`childWorkflowIds.monitoring`), with the request id in
 * the update id. Refused with `NOT_FOUND` (unknown period), `CONFLICT` (not reported, year closed),
 * `FORBIDDEN` (anyone else) or `VALIDATION_FAILED` (`details[0]`: the problems).
 */
export interface CorrectMeasurementRequest {
  actorUserId: string;
  periodKey: string;
  figures: ReportedFigure[];
  reason: string;
  requestId?: string;
}

export interface MeasurementCorrected {
  objectiveId: string;
  periodKey: string;
  /** The figures as they stood before, and as corrected. */
  previous: ReportedFigure[];
  figures: ReportedFigure[];
  reason: string;
  correctedBy: string;
  correctedAt: IsoInstant;
  /** The objective's status before and after the correction. */
  statusBefore: ObjectiveStatus;
  status: ObjectiveStatus;
}

/** The payload of the `measurement.corrected` event (the API reads it typed). */
export type MeasurementCorrectedEventPayload = Omit<MeasurementCorrected, 'correctedBy' | 'correctedAt'> & {
  requestId?: string;
};

export const correctMeasurementUpdate = defineUpdate<MeasurementCorrected, [CorrectMeasurementRequest]>(
  'correctMeasurement',
);
