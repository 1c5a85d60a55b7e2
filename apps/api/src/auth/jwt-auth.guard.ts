import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC, TASK_LINK_ROUTE } from './auth.decorators';
import { TokenService, unauthenticated } from './token.service';

/** Global: every route needs `Authorization: Bearer <jwt>` unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<Request>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '');
    if (!match)
      throw unauthenticated(
        'Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login or your SSO)',
      );
    const principal = await this.tokens.verify(match[1]);
    request.principal = principal;
    if (principal.onlyTaskId !== undefined) {
      const openable = this.reflector.get<boolean>(TASK_LINK_ROUTE, context.getHandler()) === true;
      if (!openable || request.params.taskId !== principal.onlyTaskId) {
        throw new ForbiddenException({
          code: 'TASK_LINK_SCOPE',
          message: `This session, opened from a task link, opens only task ${principal.onlyTaskId}; sign in for everything else`,
        });
      }
    }
    return true;
  }
}
