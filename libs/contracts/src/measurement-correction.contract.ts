import { defineUpdate } from '@temporalio/workflow';
import type { IsoInstant, ObjectiveStatus, ReportedFigure } from '@qcycle/domain';

/**
 * Correct a period's reported figures before the year closes (issue #9): the period's reporter or
 * the head of the objective's unit, with a reason (libs/domain `checkMeasurementCorrection`). Send
 * it to the objective's monitoring workflow (`childWorkflowIds.monitoring`), with the request id in
 * the update id. Refused with `NOT_FOUND` (unknown period), `CONFLICT` (not reported, year closed),
 * `FORBIDDEN` (anyone else), `VALIDATION_FAILED` (`details[0]`: the problems), or `CONFLICT` with
 * `details[1]` ({@link FiguresChangedMeanwhile}) when `ifFiguresWere` are no longer the figures.
 */
export interface CorrectMeasurementRequest {
  actorUserId: string;
  periodKey: string;
  figures: ReportedFigure[];
  reason: string;
  /** What the correction rests on (libs/domain `MeasurementCorrectionRequest.evidence`), if given. */
  evidence?: string[];
  requestId?: string;
  /**
   * The figures the person saw (libs/domain `MeasurementCorrectionRequest.ifFiguresWere`): others
   * now, and the correction is refused with CONFLICT, its second detail
   * `{ currentFigures }` (FiguresChangedMeanwhile).
   */
  ifFiguresWere?: ReportedFigure[];
  /**
   * The person as the directory has them now (the API checked it): their name, for the notice to
   * the other of the two, and the units they head — a head appointed during the year corrects their
   * unit's figures (libs/domain `MeasurementCorrectionRequest.by`). Absent from older Updates: the
   * year's roster names the unit head.
   */
  by?: { name: string; headOfUnits: string[] };
}

/** The second detail of a correction refused because the figures changed meanwhile. */
export interface FiguresChangedMeanwhile {
  currentFigures: ReportedFigure[];
}

export interface MeasurementCorrected {
  objectiveId: string;
  periodKey: string;
  /** The figures as they stood before, and as corrected. */
  previous: ReportedFigure[];
  figures: ReportedFigure[];
  reason: string;
  /** The correction's own evidence, when it gave some (the report's stays the period's). */
  evidence?: string[];
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
