import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { UserRole } from '@qcycle/persistence';
import type { Principal } from './principal';

export const IS_PUBLIC = 'qcycle:public';
export const REQUIRED_ROLES = 'qcycle:roles';
export const LOGIN_ROUTE = 'qcycle:login-route';
export const TASK_LINK_ROUTE = 'qcycle:task-link-route';
export const TASK_LINK_EVIDENCE_ROUTE = 'qcycle:task-link-evidence-route';
export const OPEN_TO_READ_ONLY = 'qcycle:open-to-read-only';
export const OPEN_TO_EVERY_SESSION = 'qcycle:open-to-every-session';

/** Open without a token (login, health). Every other route needs a bearer token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only callers holding one of these roles (docs/security.md "Roles"); others get 403 naming the roles. */
export const Roles = (...roles: UserRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * A write that a read-only role (READ_ONLY_ROLES) may still make because it changes nothing of the
 * QMS: signing out, changing one's own password. Every other non-GET route refuses such a caller
 * (RolesGuard).
 */
export const OpenToReadOnlyRoles = () => SetMetadata(OPEN_TO_READ_ONLY, true);

/**
 * Marks a route where a password or a sign-in secret is tried (the password login, the SSO code
 * exchange, password links, one's own new password): throttled per address and account, not as a
 * write (app.module.ts `throttlerOptions`).
 */
export const LoginRoute = () => SetMetadata(LOGIN_ROUTE, true);

/**
 * A route a task-link session may use, for the task named by its `:taskId` parameter only. Every
 * other route answers such a session 403: a link opens exactly one task for exactly one user.
 */
export const OpenableByTaskLink = () => SetMetadata(TASK_LINK_ROUTE, true);

/**
 * An evidence route a task-link session may use for its own task's record only (the measurement
 * report, audit step, corrective action or review its task answers), so that the person who opened
 * a report from the e-mail attaches its evidence without signing in. The guard lets such a session
 * through; the evidence service answers any other record 403 `TASK_LINK_SCOPE`.
 */
export const OpenableByTaskLinkForItsEvidence = () => SetMetadata(TASK_LINK_EVIDENCE_ROUTE, true);

/**
 * A read that holds nothing of anyone (what files the server accepts): open to every signed-in
 * session, a task link's included, which needs it on its task's page. It never answers 403.
 */
export const OpenToEverySession = () => SetMetadata(OPEN_TO_EVERY_SESSION, true);

/** The signed-in caller (set by JwtAuthGuard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('CurrentUser on a route without authentication');
  return principal;
});

/** This request's id, to record with a write. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<Request>().requestId,
);

/** Who made a write, when it is recorded: the signed-in user, this request's id, the client address. */
export interface Attribution {
  actor: string;
  requestId: string;
  clientAddress: string | null;
}

/** The {@link Attribution} of this request (the route must be authenticated). */
export const Attributed = createParamDecorator((_data: unknown, context: ExecutionContext): Attribution => {
  const request = context.switchToHttp().getRequest<Request>();
  if (!request.principal) throw new Error('Attributed on a route without authentication');
  return { actor: request.principal.userId, requestId: request.requestId, clientAddress: request.ip ?? null };
});
