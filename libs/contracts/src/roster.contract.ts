import type { LocalizedText } from '@qcycle/domain';

/** A person the cycle can give a task to, as the cycle knows them (a snapshot taken at start). */
export interface PersonRef {
  userId: string;
  /** Full name as it is written on documents, e.g. `Nguyễn Hữu Tháp`. */
  name: string;
  /**
   * Position as the directory writes it under a signature, e.g. `Phó Chủ tịch UBND tỉnh`: the
   * decision names the leader who approved with it. Absent in rosters taken before it was kept.
   */
  title?: string;
  /** Where notifications go; absent for people reached only through their inbox. */
  email?: string;
  /** The unit the person belongs to; an auditor never audits this unit. */
  unitCode?: string;
  /** Language of their notifications: Vietnamese by default. */
  locale?: 'vi' | 'en';
}

export interface RosterUnit {
  code: string;
  name: LocalizedText;
  head: PersonRef;
  staff: PersonRef[];
}

/**
 * Who plays which role in one organisation's cycle (docs/security.md "Roles"), handed to the cycle when it
 * starts so that the workflow decides deterministically who gets each task. Later changes of people
 * go through task reassignment, which is recorded.
 */
export interface CycleRoster {
  /**
   * Chairman or Vice Chairman who approves objectives, signs the decision, chairs the review: the
   * signer chosen when the cycle starts (docs/workflows.md "Who signs").
   */
  leader: PersonRef;
  /** Chief of Office, the Quality Representative (Articles 2 and 4 of the seed). */
  qualityRepresentative: PersonRef;
  units: RosterUnit[];
  /** Internal auditors; exactly one is the lead auditor. */
  auditors: (PersonRef & { lead?: boolean })[];
}
