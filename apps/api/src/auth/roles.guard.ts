import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { UserRole } from '@qcycle/persistence';
import { REQUIRED_ROLES } from './auth.decorators';
import { hasRole } from './principal';

/** Global, after JwtAuthGuard: a route marked @Roles(...) answers 403 to anyone without one of them. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (principal && hasRole(principal, ...required)) return true;
    throw new QcycleError(
      QcycleErrorCode.Forbidden,
      'roles',
      { required, have: principal?.roles.length ? principal.roles : '—' },
      { requiredRoles: required },
    );
  }
}
