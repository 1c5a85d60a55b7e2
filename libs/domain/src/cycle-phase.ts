/** The phases of one organisation's annual quality cycle, in the order the cycle runs them. */
export const CYCLE_PHASES = [
  'objectives-approval',
  'assignment',
  'monitoring',
  'internal-audit',
  'management-review',
  'closing',
] as const;

export type CyclePhase = (typeof CYCLE_PHASES)[number];

/** Where a cycle stands as a whole: running one of its phases, closed with a result, or cancelled. */
export type CycleStatus = 'running' | 'closed' | 'cancelled';
