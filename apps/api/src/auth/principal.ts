import type { UserRole } from '@qcycle/persistence';

/** Who is calling, resolved from the directory on every request (a deactivated user is refused at once). */
export interface Principal {
  userId: string;
  organisationCode: string;
  unitCode: string | null;
  fullName: string;
  email: string;
  roles: UserRole[];
  /** Units this user heads (their unit-head assignments). */
  headOfUnits: string[];
  authenticatedBy: 'password' | 'oidc' | 'task-link';
  /** The language the user chose (users.locale): the web app's and the notifications' language. */
  locale: 'vi' | 'en';
  /** They have a password (changing it asks for it); false for someone who signs in only through the SSO or a link. */
  hasPassword: boolean;
  /** Set for a session opened from a task link: the one task it may open and complete. */
  onlyTaskId?: string;
  /**
   * For a session the API signed: the mark of the user's sessions it was signed under and found
   * valid (sessions.ts `sessions_valid_from`), so that what ends sessions (a new password) is done
   * only while this one still stands, not after a sign-out everywhere in the same instant.
   */
  sessionsValidFrom?: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export function hasRole(principal: Principal, ...roles: UserRole[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
