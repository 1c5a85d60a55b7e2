import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

const STATUS_BY_CODE: Record<QcycleErrorCode, HttpStatus> = {
  [QcycleErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [QcycleErrorCode.CycleAlreadyStarted]: HttpStatus.CONFLICT,
  [QcycleErrorCode.CycleNotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.Conflict]: HttpStatus.CONFLICT,
  [QcycleErrorCode.RuleViolated]: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/**
 * One mapping from errors to HTTP: qcycle's domain errors by code, Nest's own HTTP errors as they
 * are, and anything unexpected as a 500 without internals (logged with the request id).
 */
@Catch()
export class QcycleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = request.requestId ?? undefined;
    const body = this.toBody(exception, request, requestId);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request, requestId: string | undefined): ErrorBody {
    if (exception instanceof QcycleError) {
      return {
        statusCode: STATUS_BY_CODE[exception.code],
        code: exception.code,
        message: exception.message,
        requestId,
        details: exception.details,
      };
    }
    const parserError = bodyParserError(exception, request);
    if (parserError) return { ...parserError, requestId };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
      const details =
        typeof raw === 'object' && raw !== null && 'details' in raw
          ? (raw as { details: Record<string, unknown> }).details
          : undefined;
      return {
        statusCode: status,
        code: (raw as { code?: string })?.code ?? HttpStatus[status] ?? 'ERROR',
        message: Array.isArray(message) ? message.join('; ') : String(message),
        requestId,
        details,
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `database unavailable on ${request.method} ${request.path} (request ${requestId ?? '-'}): ${String((exception as Error).message)}`,
      );
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database cannot be reached; try again (nothing was changed by this request)',
        requestId,
      };
    }
    this.logger.error(
      `unexpected error on ${request.method} ${request.path} (request ${requestId ?? '-'}): ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: 'Internal server error',
      requestId,
    };
  }
}

/**
 * Express's body parser rejects unparseable JSON and oversized bodies with http-errors objects (not
 * Nest exceptions): bad input, so a 4xx with a plain reason, never a 500.
 */
function bodyParserError(exception: unknown, request: Request): Omit<ErrorBody, 'requestId'> | undefined {
  // Nest turns the parser's SyntaxError into a plain BadRequestException(message) (routes-resolver);
  // our own 400s always carry a code, so a code-less 400 on a JSON request is the parser's.
  if (exception instanceof HttpException && exception.getStatus() === 400 && request.is('application/json')) {
    const raw = exception.getResponse();
    if (
      typeof raw === 'object' &&
      raw !== null &&
      !('code' in raw) &&
      /JSON|Unexpected|Expected/.test(exception.message)
    ) {
      return {
        statusCode: 400,
        code: QcycleErrorCode.ValidationFailed,
        message: 'The request body is not valid JSON',
        details: { fields: { body: ['must be valid JSON'] } },
      };
    }
  }
  if (exception instanceof HttpException) return undefined;
  const candidate = exception as { status?: unknown; type?: unknown; expose?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  if (
    typeof candidate.status !== 'number' ||
    candidate.status < 400 ||
    candidate.status >= 500 ||
    typeof candidate.type !== 'string'
  )
    return undefined;
  if (candidate.type === 'entity.parse.failed') {
    return {
      statusCode: 400,
      code: QcycleErrorCode.ValidationFailed,
      message: 'The request body is not valid JSON',
      details: { fields: { body: ['must be valid JSON'] } },
    };
  }
  return {
    statusCode: candidate.status,
    code: HttpStatus[candidate.status] ?? 'BAD_REQUEST',
    message: `The request body was refused (${candidate.type})`,
  };
}

/**
 * PostgreSQL down, restarting or cutting connections: a connection the pool cannot open
 * (ECONNREFUSED, ECONNRESET), or one the server ended (SQLSTATE class 08 "connection exception",
 * 57P01–57P03 "admin shutdown", "cannot connect now"). A 503 tells the client to try again, as it
 * should; a 500 would say the request itself broke something (test/faults/postgres-outage).
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  for (let cause = exception, depth = 0; cause && depth < 4; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && DATABASE_DOWN_MESSAGE.test(message)) return true;
    cause = (cause as { driverError?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
]);
const DATABASE_DOWN_MESSAGE =
  /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|connect ECONNREFUSED|timeout exceeded when trying to connect/;
