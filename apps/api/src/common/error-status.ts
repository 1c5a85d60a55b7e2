import { HttpStatus } from '@nestjs/common';
import { QcycleErrorCode } from '@qcycle/contracts';

/**
 * The one mapping of qcycle's error codes to HTTP: every error answer's status comes from here
 * (QcycleExceptionFilter), whether the refusal was raised by the API, a guard, the validation pipe,
 * the domain or a workflow's Update validator. docs/api.md § Errors lists the same table.
 */
export const HTTP_STATUS_OF_ERROR: Record<QcycleErrorCode, HttpStatus> = {
  [QcycleErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [QcycleErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [QcycleErrorCode.SsoCodeRejected]: HttpStatus.UNAUTHORIZED,
  [QcycleErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.TaskLinkScope]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.LocalLoginDisabled]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.SsoDisabled]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.PasswordResetUnavailable]: HttpStatus.FORBIDDEN,
  [QcycleErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.CycleNotFound]: HttpStatus.NOT_FOUND,
  [QcycleErrorCode.MethodNotAllowed]: HttpStatus.METHOD_NOT_ALLOWED,
  [QcycleErrorCode.Conflict]: HttpStatus.CONFLICT,
  [QcycleErrorCode.CycleAlreadyStarted]: HttpStatus.CONFLICT,
  [QcycleErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [QcycleErrorCode.EvidenceTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [QcycleErrorCode.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [QcycleErrorCode.EvidenceTypeRefused]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [QcycleErrorCode.EvidenceFileGone]: HttpStatus.GONE,
  [QcycleErrorCode.RuleViolated]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.OutcomeRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.DraftInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.RosterIncomplete]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.EvidenceUploadInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.EvidenceRecordUnknown]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.InvalidDate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.InvalidMeasurement]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.InvalidEvaluationInput]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.UnknownTemplate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QcycleErrorCode.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [QcycleErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
  [QcycleErrorCode.DatabaseUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [QcycleErrorCode.WorkflowUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [QcycleErrorCode.SsoUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [QcycleErrorCode.DocumentsUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};
