import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CyclePhase, CycleStatus } from '@qcycle/domain';

/** Workflow type name of the annual cycle, as registered by the worker. */
export const QUALITY_CYCLE_WORKFLOW = 'qualityCycle';

/** An organisation code: lower-case letters, digits and dashes, e.g. `kontum`. */
export const ORGANISATION_CODE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** One cycle per organisation and year: the workflow id makes a second start impossible. */
export function qualityCycleWorkflowId(organisationCode: string, year: number): string {
  return `quality-cycle/${organisationCode}/${year}`;
}

/** The id the API and the database use for a cycle, e.g. `kontum-2024` (URL-safe, no slashes). */
export function qualityCycleId(organisationCode: string, year: number): string {
  return `${organisationCode}-${year}`;
}

/** Inverse of {@link qualityCycleId}; undefined for a string that is not a cycle id. */
export function parseQualityCycleId(cycleId: string): { organisationCode: string; year: number } | undefined {
  const match = /^(.+)-(\d{4})$/.exec(cycleId);
  if (!match || !ORGANISATION_CODE_PATTERN.test(match[1])) return undefined;
  return { organisationCode: match[1], year: Number(match[2]) };
}

export interface StartQualityCycleInput {
  cycleId: string;
  organisationCode: string;
  year: number;
  /** Who started the cycle (user id), for the record. */
  startedBy: string;
}

/** The live state of a cycle, answered by {@link cycleStateQuery}. */
export interface QualityCycleState {
  cycleId: string;
  organisationCode: string;
  year: number;
  status: CycleStatus;
  phase: CyclePhase;
}

export const cycleStateQuery = defineQuery<QualityCycleState>('cycleState');
export const cancelCycleSignal = defineSignal<[{ reason: string; by: string }]>('cancelCycle');
