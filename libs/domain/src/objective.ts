import type { Indicator } from './indicator';
import type { LocalizedText } from './localized-text';
import type { MeasurementFrequency } from './monitoring-period';

/**
 * How the objective will be achieved — the five questions ISO 9001:2015 clause 6.2.2 asks, written
 * in Vietnamese because they are printed in the plan the units work from.
 */
export interface ObjectivePlan {
  /** what will be done */
  what: string;
  /** what resources will be required */
  resources: string;
  /** who will be responsible */
  who: string;
  /** when it will be completed */
  when: string;
  /** how the results will be evaluated */
  howEvaluated: string;
}

/** One quality objective of the year (ISO 6.2), e.g. one numbered item of Article 1 of the decision. */
export interface Objective {
  /** Stable slug (`obj-4`) kept from year to year. */
  id: string;
  /** Its number in the decision, 1…n. */
  number: number;
  title: LocalizedText;
  indicators: Indicator[];
  frequency: MeasurementFrequency;
  /** Code of the division or unit that owns it (Article 4), see `Organisation.units`. */
  ownerUnitCode: string;
  plan: ObjectivePlan;
}
