import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** A caller's own id is kept when it is short and plain; anything else is replaced, never echoed. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

declare module 'express-serve-static-core' {
  interface Request {
    /** The request id (x-request-id in and out), on every error body and log line, recorded with every write. */
    requestId: string;
  }
}

const accessLog = new Logger('HTTP');

/**
 * Gives every request an id: the caller's `x-request-id` when acceptable (a reverse proxy's), else a
 * new UUID. It is answered in `x-request-id`, put on every error body by the exception filter and on
 * the access log line, and handed to services so writes are recorded with it.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header('x-request-id');
  request.requestId = offered && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
  response.setHeader('x-request-id', request.requestId);
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    // A monitor asks /health every few seconds: only its failures are worth a line.
    if (request.path.startsWith('/health') && response.statusCode < 400) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // The path without its query string: tokens and e-mail addresses never reach the log. The
    // client's address (the proxy's X-Forwarded-For from loopback, see trust proxy): who kept
    // failing to sign in is traced from here (docs/security.md).
    accessLog.log(
      `${request.method} ${request.path} ${response.statusCode} ${ms.toFixed(1)}ms request=${request.requestId} client=${request.ip ?? '-'}`,
    );
  });
  next();
}
