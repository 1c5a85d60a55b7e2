import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

const STATUS_BY_CODE: Record<QcycleErrorCode, HttpStatus> = {
  [QcycleErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [QcycleErrorCode.CycleAlreadyStarted]: HttpStatus.CONFLICT,
  [QcycleErrorCode.CycleNotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.Conflict]: HttpStatus.CONFLICT,
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
    const requestId = request.header('x-request-id') ?? undefined;
    const body = this.toBody(exception, request, requestId);
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request, requestId: string | undefined): ErrorBody {
    if (exception instanceof QcycleError) {
      return { statusCode: STATUS_BY_CODE[exception.code], code: exception.code, message: exception.message, requestId, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message = typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
      const details = typeof raw === 'object' && raw !== null && 'details' in raw ? (raw as { details: Record<string, unknown> }).details : undefined;
      return {
        statusCode: status,
        code: (raw as { code?: string })?.code ?? HttpStatus[status] ?? 'ERROR',
        message: Array.isArray(message) ? message.join('; ') : String(message),
        requestId,
        details,
      };
    }
    this.logger.error(
      `unexpected error on ${request.method} ${request.originalUrl} (request ${requestId ?? '-'}): ${exception instanceof Error ? exception.stack : String(exception)}`,
    );
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'Internal server error', requestId };
  }
}
