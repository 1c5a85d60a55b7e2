import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { READ_ONLY_ROLES, type UserRole } from '@qcycle/persistence';
import { OPEN_TO_READ_ONLY, REQUIRED_ROLES } from './auth.decorators';
import { hasRole, type Principal } from './principal';

/** Methods that read; everything else is a write. */
const READS = new Set(['GET', 'HEAD']);

/**
 * Global, after JwtAuthGuard: a route marked @Roles(...) answers 403 to anyone without one of them;
 * and a caller whose roles are all read-only (READ_ONLY_ROLES: the certification body's auditor) is
 * answered 403 on every write, whatever the route, unless it is marked @OpenToReadOnlyRoles()
 * (signing out, changing their own password). One rule here rather than one per route: a write
 * route added later is closed to them too. Someone holding another role as well keeps that role's
 * rights.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const principal = request.principal;
    // Public routes (login, SSO and task-link exchanges) have no principal: nothing to refuse here.
    if (
      principal &&
      onlyReads(principal) &&
      !READS.has(request.method) &&
      !this.reflector.getAllAndOverride<boolean>(OPEN_TO_READ_ONLY, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      throw new QcycleError(
        QcycleErrorCode.Forbidden,
        'readOnlyRole',
        {},
        { reason: 'READ_ONLY_ROLE', readOnlyRoles: principal.roles },
      );
    const required = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    if (principal && hasRole(principal, ...required)) return true;
    throw new QcycleError(
      QcycleErrorCode.Forbidden,
      'roles',
      { required, have: principal?.roles.length ? principal.roles : '—' },
      { requiredRoles: required },
    );
  }
}

/** Holds roles, and every one of them only reads (a person with no role at all is not one of these). */
function onlyReads(principal: Principal): boolean {
  return principal.roles.length > 0 && principal.roles.every((role) => READ_ONLY_ROLES.includes(role));
}
