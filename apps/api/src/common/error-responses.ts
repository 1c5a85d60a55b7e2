import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { QcycleErrorCode } from '@qcycle/contracts';

/** The body of every error answer (see QcycleExceptionFilter). */
export class ErrorView {
  @ApiProperty({ example: 403 })
  statusCode!: number;

  @ApiProperty({
    enum: QcycleErrorCode,
    enumName: 'QcycleErrorCode',
    example: QcycleErrorCode.Forbidden,
    description:
      'Stable string code, one HTTP status each (docs/api.md § Errors); clients branch on this, not on the message',
  })
  code!: QcycleErrorCode;

  @ApiProperty({
    example: 'Việc này cần một trong các vai trò admin; bạn có staff',
    description:
      "In the caller's language: Accept-Language (vi or en), else the signed-in user's locale, else Vietnamese (also in the Content-Language header)",
  })
  message!: string;

  @ApiProperty({
    example: '3f0c1b9e-7a51-4d2a-9a0e-2f4f5b8c9d10',
    description: 'Also in the x-request-id header and the server log',
  })
  requestId!: string;

  @ApiPropertyOptional({
    example: { fields: { email: ['email must be an email'] } },
    description:
      'For 400: details.fields names every wrong field and why; for 422: details.problems ({ path, code, reason }) and/or details.fields',
  })
  details?: Record<string, unknown>;
}

/** What each error status means on qcycle routes; the same words everywhere in the OpenAPI document. */
export const ERROR_DESCRIPTIONS = {
  400: 'A field is missing or malformed; details.fields names each one and why',
  401: 'No bearer token, or an invalid or expired one',
  403: 'Signed in, but not allowed: the message says why (a role, an object rule, or a task-link session used outside its task)',
  404: 'Not found in your organisation',
  409: 'Conflicts with what exists (duplicate code or e-mail, still in use, already done)',
  413: 'The uploaded file is larger than the limit (EVIDENCE_MAX_BYTES); nothing was kept',
  410: 'The file is on record but its content is gone from the server (restore the evidence folder from the backup)',
  415: 'The uploaded file is not of an accepted type (checked in its content); nothing was kept',
  422: 'Well-formed but refused by the rules of the process (the message says which)',
  429: 'Too many requests; retry after the seconds in the Retry-After-<limit> header (e.g. Retry-After-writes)',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** Documents the error answers a route can give, each with the shared {@link ErrorView} body. */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorView }),
    ),
  );
}

/**
 * The answers of a route that drives a workflow by Temporal Update (complete, sign off, close,
 * reassign): the usual refusals, plus 503 when the workflow did not answer in time — safe to repeat,
 * since the update id makes it apply once.
 */
export function ApiWorkflowUpdateErrors(
  retryHint = 'repeat the request (it is applied once)',
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiErrors(400, 401, 403, 404, 409, 422, 429),
    ApiResponse({
      status: 503,
      description: `The workflow did not answer in time; ${retryHint}`,
      type: ErrorView,
    }),
  );
}
