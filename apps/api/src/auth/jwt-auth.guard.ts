import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';
import {
  IS_PUBLIC,
  OPEN_TO_EVERY_SESSION,
  TASK_LINK_EVIDENCE_ROUTE,
  TASK_LINK_ROUTE,
} from './auth.decorators';
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
    if (!match) throw unauthenticated('noBearer');
    const principal = await this.tokens.verify(match[1]);
    request.principal = principal;
    if (principal.onlyTaskId !== undefined) {
      const handler = context.getHandler();
      const itsTask =
        this.reflector.get<boolean>(TASK_LINK_ROUTE, handler) === true &&
        request.params.taskId === principal.onlyTaskId;
      // The evidence of its task's record: which record a request names is the service's to check.
      const itsEvidence = this.reflector.get<boolean>(TASK_LINK_EVIDENCE_ROUTE, handler) === true;
      const anySession = this.reflector.get<boolean>(OPEN_TO_EVERY_SESSION, handler) === true;
      if (!itsTask && !itsEvidence && !anySession) {
        throw new QcycleError(QcycleErrorCode.TaskLinkScope, 'default', { taskId: principal.onlyTaskId });
      }
    }
    return true;
  }
}
