import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ThrottlerException } from '@nestjs/throttler';
import { DomainError, problemInLanguage, type ValidationProblem } from '@qcycle/domain';
import { QcycleError, QcycleErrorCode, type ErrorLanguage } from '@qcycle/contracts';
import { callerLanguage } from './caller-language';
import { HTTP_STATUS_OF_ERROR } from './error-status';

/** The JSON body of every error answer. */
export interface ErrorBody {
  statusCode: number;
  code: QcycleErrorCode;
  /** In the caller's language (see callerLanguage); clients branch on `code`, never on this. */
  message: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/**
 * The refusals that pass by themselves (a part qcycle needs did not answer now), with how many
 * seconds to wait before asking again: HTTP's Retry-After, which clients and calendar apps may
 * honour. Not DOCUMENTS_UNAVAILABLE: a server without chromium stays without it, however often asked.
 */
const RETRY_AFTER_SECONDS: Partial<Record<QcycleErrorCode, number>> = {
  [QcycleErrorCode.DatabaseUnavailable]: 5,
  [QcycleErrorCode.WorkflowUnavailable]: 5,
  [QcycleErrorCode.SsoUnavailable]: 5,
};

/**
 * The one way an error becomes an HTTP answer: whatever was thrown is read as a {@link QcycleError}
 * (qcycle's own, a domain error, Nest's or the body parser's HTTP errors, the database gone, or
 * anything unexpected as INTERNAL), its status comes from HTTP_STATUS_OF_ERROR and its message from
 * the catalogue, in the caller's language. Unexpected errors are logged with the request id and
 * answered without internals.
 */
@Catch()
export class QcycleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const refusal = this.asRefusal(exception, request);
    const language = callerLanguage(request);
    const body: ErrorBody = {
      statusCode: HTTP_STATUS_OF_ERROR[refusal.code],
      code: refusal.code,
      message: refusal.messageIn(language),
      requestId: request.requestId ?? undefined,
      details: detailsInLanguage(refusal.details, language),
    };
    response.status(body.statusCode).vary('Accept-Language').setHeader('Content-Language', language);
    // A refusal holds for the moment it was given, and the next try asks again: no browser may keep
    // it (Chromium keeps a 410 with no cache-control fresh for good, so a file restored since would
    // still read as gone).
    response.setHeader('Cache-Control', 'no-store');
    const allow = refusal.code === QcycleErrorCode.MethodNotAllowed ? refusal.details?.allow : undefined;
    if (Array.isArray(allow)) response.setHeader('Allow', allow.join(', '));
    const retryAfter = RETRY_AFTER_SECONDS[refusal.code];
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.json(body);
  }

  private asRefusal(exception: unknown, request: Request): QcycleError {
    if (exception instanceof QcycleError) return exception;
    if (exception instanceof DomainError)
      return new QcycleError(exception.code, 'default', exception.params, exception.details);
    const parserError = bodyParserError(exception, request);
    if (parserError) return parserError;
    if (exception instanceof HttpException) return nestHttpError(exception, request);
    const requestId = request.requestId ?? '-';
    // Temporal first: its refused gRPC connection also says "connect ECONNREFUSED".
    if (isTemporalUnavailable(exception)) {
      this.logger.warn(
        `Temporal unavailable on ${request.method} ${request.path} (request ${requestId}): ${String((exception as Error).message)}`,
      );
      // A read changes nothing: it is simply asked again, with no request id to keep.
      return new QcycleError(QcycleErrorCode.WorkflowUnavailable, isRead(request) ? 'read' : 'default');
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `database unavailable on ${request.method} ${request.path} (request ${requestId}): ${String((exception as Error).message)}`,
      );
      return new QcycleError(QcycleErrorCode.DatabaseUnavailable);
    }
    this.logger.error(
      `unexpected error on ${request.method} ${request.path} (request ${requestId}): ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return new QcycleError(QcycleErrorCode.Internal);
  }
}

/**
 * An error's details as the caller reads them: each of `details.problems` (a workflow's refusal, a
 * draft, a measurement, a calendar) as `{ path, code, reason }` with its reason in the caller's
 * language — the only place a problem's language is chosen, so Vietnamese answers stay as they were.
 * A `details.fields` reason that is one of those problems' (a calendar's refusal lists both) is
 * said in the same language, so a client that merges the two lists finds each reason once.
 */
export function detailsInLanguage(
  details: Record<string, unknown> | undefined,
  language: ErrorLanguage,
): Record<string, unknown> | undefined {
  const problems = details?.problems;
  if (!Array.isArray(problems)) return details;
  const said = new Map<string, string>();
  const answered = problems.map((problem: unknown) => {
    if (typeof problem !== 'object' || problem === null) return problem;
    const inLanguage = problemInLanguage(problem as ValidationProblem, language);
    said.set((problem as ValidationProblem).reason, inLanguage.reason);
    return inLanguage;
  });
  const fields = details?.fields;
  const fieldsInLanguage =
    typeof fields === 'object' && fields !== null && !Array.isArray(fields)
      ? {
          fields: Object.fromEntries(
            Object.entries(fields).map(([path, reasons]) => [
              path,
              Array.isArray(reasons)
                ? reasons.map((reason: unknown) =>
                    typeof reason === 'string' ? (said.get(reason) ?? reason) : reason,
                  )
                : reasons,
            ]),
          ),
        }
      : {};
  return { ...details, ...fieldsInLanguage, problems: answered };
}

/**
 * Nest's own HTTP errors (no route, a throttled client, a guard of a library) carry no qcycle code:
 * each status has the code that means it.
 */
function nestHttpError(exception: HttpException, request: Request): QcycleError {
  const status = exception.getStatus();
  if (status === HttpStatus.SERVICE_UNAVAILABLE) return unreachablePart(exception);
  if (exception instanceof ThrottlerException || status === HttpStatus.TOO_MANY_REQUESTS)
    return new QcycleError(QcycleErrorCode.TooManyRequests);
  if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
    // A path that exists under other methods is refused for its method, saying which it takes.
    const allow = methodsServing(request);
    if (allow.length > 0)
      return new QcycleError(
        QcycleErrorCode.MethodNotAllowed,
        'default',
        { method: request.method },
        { allow },
      );
    return new QcycleError(QcycleErrorCode.NotFound, 'route', { method: request.method, path: request.path });
  }
  if (status === HttpStatus.BAD_REQUEST)
    return new QcycleError(
      QcycleErrorCode.ValidationFailed,
      'default',
      { fields: 'body' },
      {
        fields: { body: [exception.message] },
      },
    );
  return new QcycleError(CODE_OF_NEST_STATUS[status] ?? QcycleErrorCode.Internal, 'default', {
    method: request.method,
  });
}
/**
 * The health check's 503 (@nestjs/terminus): which part is down stays in `details` (e.g.
 * `details.database.status: 'down'`), and the code says the database when it is the database.
 */
function unreachablePart(exception: HttpException): QcycleError {
  const answer = exception.getResponse();
  const details =
    typeof answer === 'object' && answer !== null && 'details' in answer
      ? (answer.details as Record<string, { status?: string }>)
      : undefined;
  const code =
    details?.database?.status === 'down'
      ? QcycleErrorCode.DatabaseUnavailable
      : QcycleErrorCode.WorkflowUnavailable;
  return new QcycleError(code, 'default', {}, details);
}

/** The methods the app's routes take at this request's path (Express's router, as it matches). */
function methodsServing(request: Request): string[] {
  const router = (request.app as unknown as { router?: { stack?: RouteLayer[] } }).router;
  const methods = (router?.stack ?? [])
    .filter((layer) => layer.route && layer.match(request.path))
    .flatMap((layer) => Object.keys(layer.route?.methods ?? {}));
  return [...new Set(methods.map((method) => method.toUpperCase()))].sort();
}

interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

const CODE_OF_NEST_STATUS: Partial<Record<number, QcycleErrorCode>> = {
  [HttpStatus.UNAUTHORIZED]: QcycleErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: QcycleErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: QcycleErrorCode.NotFound,
  [HttpStatus.METHOD_NOT_ALLOWED]: QcycleErrorCode.MethodNotAllowed,
  [HttpStatus.CONFLICT]: QcycleErrorCode.Conflict,
  [HttpStatus.PAYLOAD_TOO_LARGE]: QcycleErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: QcycleErrorCode.UnsupportedMediaType,
  [HttpStatus.UNPROCESSABLE_ENTITY]: QcycleErrorCode.RuleViolated,
};

const INVALID_JSON = (): QcycleError =>
  new QcycleError(
    QcycleErrorCode.ValidationFailed,
    'invalidJson',
    {},
    { fields: { body: ['must be valid JSON'] } },
  );

/**
 * Express's body parser rejects unparseable JSON and oversized bodies with http-errors objects (not
 * Nest exceptions): bad input, so a 4xx with a plain reason, never a 500.
 */
function bodyParserError(exception: unknown, request: Request): QcycleError | undefined {
  // Nest turns the parser's SyntaxError into a plain BadRequestException(message) (routes-resolver).
  if (
    exception instanceof HttpException &&
    exception.getStatus() === 400 &&
    request.is('application/json') &&
    /JSON|Unexpected|Expected/.test(exception.message)
  )
    return INVALID_JSON();
  if (exception instanceof HttpException) return undefined;
  const candidate = exception as { status?: unknown; type?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  if (
    typeof candidate.status !== 'number' ||
    candidate.status < 400 ||
    candidate.status >= 500 ||
    typeof candidate.type !== 'string'
  )
    return undefined;
  if (candidate.type === 'entity.parse.failed') return INVALID_JSON();
  if (candidate.status === HttpStatus.PAYLOAD_TOO_LARGE)
    return new QcycleError(QcycleErrorCode.PayloadTooLarge);
  if (candidate.status === HttpStatus.UNSUPPORTED_MEDIA_TYPE)
    return new QcycleError(QcycleErrorCode.UnsupportedMediaType);
  return new QcycleError(QcycleErrorCode.ValidationFailed, 'bodyRefused', { reason: candidate.type });
}

function isRead(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD';
}

/**
 * Temporal down, restarting, or something between that does not speak its gRPC (a proxy's 404):
 * the client's call failed with one of these gRPC statuses, on the error or a cause of it. A 503
 * WORKFLOW_UNAVAILABLE tells the client to try again; the database is not what is down.
 */
function isTemporalUnavailable(exception: unknown): boolean {
  return causes(exception).some(
    ({ code }) => typeof code === 'number' && TEMPORAL_DOWN_GRPC_STATUSES.has(code),
  );
}
/** UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNIMPLEMENTED, INTERNAL, UNAVAILABLE. */
const TEMPORAL_DOWN_GRPC_STATUSES = new Set([2, 4, 8, 12, 13, 14]);

/**
 * PostgreSQL down, restarting or cutting connections: a connection the pool cannot open
 * (ECONNREFUSED, ECONNRESET), or one the server ended (SQLSTATE class 08 "connection exception",
 * 57P01–57P03 "admin shutdown", "cannot connect now"). A 503 tells the client to try again, as it
 * should; a 500 would say the request itself broke something (test/faults/postgres-outage).
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  return causes(exception).some(
    ({ code, message }) =>
      (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || code.startsWith('08'))) ||
      (typeof message === 'string' && DATABASE_DOWN_MESSAGE.test(message)),
  );
}

/** The error and what it wraps (TypeORM's `driverError`, else `cause`), four deep at most. */
function causes(exception: unknown): { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  for (let cause = exception; cause && typeof cause === 'object' && chain.length < 4;) {
    chain.push(cause as { code?: unknown; message?: unknown });
    cause = (cause as { driverError?: unknown }).driverError ?? (cause as { cause?: unknown }).cause;
  }
  return chain;
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
