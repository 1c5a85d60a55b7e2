import type { UserRole } from '@qcycle/persistence';

/**
 * Who reads a cycle's event log (docs/security.md), and so what is read from it: the log itself, the
 * year's dossier that holds it, and the year's files, which say whether an answer names each.
 */
export const EVENT_LOG_READERS = [
  'quality-representative',
  'leader',
  'auditor',
  'lead-auditor',
  'external-auditor',
  'clerk',
] as const satisfies readonly UserRole[];
