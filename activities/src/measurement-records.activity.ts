import type { DataSource } from 'typeorm';
import { EventLogEntryEntity, MeasurementEntity } from '@qcycle/persistence';
import type { MeasurementCorrected, MeasurementCorrectedEventPayload } from '@qcycle/contracts';
import { appendEvent, logEntry } from './cycle-record.activities';
import type { MeasurementFacts } from './quality-record-facts';
import { insertRow, isLegacyRecord, recordLegacyRows, write, type RecordWithEvent } from './record-writes';

/** A correction of a period's figures, as the monitoring workflow hands it over (domain facts, no rows). */
export interface MeasurementCorrectionRecord extends MeasurementCorrected {
  cycleId: string;
  /** The period's measurement task: its rows are `${taskId}/${indicatorId}`. */
  taskId: string;
  /** Deterministic, `${taskId}/corrected/{n}`: a retry writes nothing twice. */
  eventId: string;
  requestId?: string;
}

/** A period's report: one measurement row per indicator and `measurement.reported`. */
export async function recordMeasurements(
  dataSource: DataSource,
  facts: MeasurementFacts | RecordWithEvent<MeasurementEntity>,
): Promise<void> {
  if (isLegacyRecord(facts)) return recordLegacyRows(dataSource, MeasurementEntity, facts);
  const { cycleId, objectiveId, periodKey, taskId, reportedBy, reportedAt } = facts;
  await write(
    dataSource,
    facts.measurements.map((m) =>
      insertRow(MeasurementEntity, {
        id: `${taskId}/${m.indicatorId}`,
        cycleId,
        objectiveId,
        indicatorId: m.indicatorId,
        periodKey: m.periodKey,
        kind: m.kind,
        numerator: m.kind === 'ratio' ? m.numerator : null,
        denominator: m.kind === 'ratio' ? m.denominator : null,
        pendingOverdue: m.kind === 'ratio' ? (m.pendingOverdue ?? null) : null,
        value: m.kind === 'count' ? m.value : null,
        achieved: m.kind === 'judged' ? m.achieved : null,
        evidence: m.evidence,
        reportedBy,
        reportedAt,
        late: m.late,
        taskId,
        paperReportDate: m.paperReport?.date ?? null,
        paperReportReference: m.paperReport?.reference ?? null,
      }),
    ),
    logEntry(
      cycleId,
      `${taskId}/measured`,
      'measurement.reported',
      reportedBy,
      reportedAt,
      {
        objectiveId,
        periodKey,
        late: facts.late,
        ...(facts.paperReport ? { paperReport: { ...facts.paperReport } } : {}),
        ...facts.statusChange,
      },
      facts.requestId,
    ),
  );
}

/**
 * A period's figures corrected (issue #9): the measurement rows take the corrected figures; the
 * `measurement.corrected` event keeps both the previous and the corrected ones, who, when and
 * why, and the objective's status before and after. Applied once per event id.
 */
export async function recordMeasurementCorrection(
  dataSource: DataSource,
  correction: MeasurementCorrectionRecord,
): Promise<void> {
  const { previous, figures, correctedBy, correctedAt, requestId, ...facts } = correction;
  await dataSource.transaction(async (manager) => {
    const known = await manager.findOneBy(EventLogEntryEntity, { id: correction.eventId });
    if (known) return;
    for (const figure of figures) {
      await manager.update(
        MeasurementEntity,
        { id: `${correction.taskId}/${figure.indicatorId}` },
        {
          numerator: figure.numerator ?? null,
          denominator: figure.denominator ?? null,
          pendingOverdue: figure.pendingOverdue ?? null,
          value: figure.value ?? null,
          achieved: figure.achieved ?? null,
        },
      );
    }
    const payload: MeasurementCorrectedEventPayload = {
      objectiveId: facts.objectiveId,
      periodKey: facts.periodKey,
      previous,
      figures,
      reason: facts.reason,
      ...(facts.evidence?.length ? { evidence: facts.evidence } : {}),
      statusBefore: facts.statusBefore,
      status: facts.status,
      ...(requestId ? { requestId } : {}),
    };
    await appendEvent(
      manager,
      logEntry(
        correction.cycleId,
        correction.eventId,
        'measurement.corrected',
        correctedBy,
        correctedAt,
        payload,
        requestId,
      ),
    );
  });
}
