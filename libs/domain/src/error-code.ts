/**
 * Every refusal qcycle can give, as a stable string code: the one vocabulary of the domain, the
 * workflows (ApplicationFailure types) and the API (the `code` of every error body). It lives in the
 * domain, the lowest layer, so domain errors carry it too; `@qcycle/contracts` re-exports it.
 *
 * Each code has exactly one HTTP status (apps/api/src/common/error-status.ts) and a message in
 * Vietnamese and English (libs/contracts/src/qcycle-error-messages.ts). Clients branch on the code,
 * never on the message.
 */
export enum QcycleErrorCode {
  // 400: the request is malformed; details.fields names each wrong field.
  ValidationFailed = 'VALIDATION_FAILED',
  // 401: who is calling is unknown.
  Unauthenticated = 'UNAUTHENTICATED',
  SsoCodeRejected = 'SSO_CODE_REJECTED',
  // 403: signed in, not allowed.
  Forbidden = 'FORBIDDEN',
  TaskLinkScope = 'TASK_LINK_SCOPE',
  LocalLoginDisabled = 'LOCAL_LOGIN_DISABLED',
  SsoDisabled = 'SSO_DISABLED',
  PasswordResetUnavailable = 'PASSWORD_RESET_UNAVAILABLE',
  // 404
  NotFound = 'NOT_FOUND',
  CycleNotFound = 'CYCLE_NOT_FOUND',
  // 405
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  // 409: conflicts with what exists or already happened.
  Conflict = 'CONFLICT',
  CycleAlreadyStarted = 'CYCLE_ALREADY_STARTED',
  // 413 / 415: an upload refused whole; nothing was kept.
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  EvidenceTooLarge = 'EVIDENCE_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  EvidenceTypeRefused = 'EVIDENCE_TYPE_REFUSED',
  // 410: a record's stored file is gone from the server, or is no longer what was uploaded.
  EvidenceFileGone = 'EVIDENCE_FILE_GONE',
  // 422: well-formed, but the process's rules refuse it; details.problems / details.fields say where.
  RuleViolated = 'RULE_VIOLATED',
  OutcomeRefused = 'OUTCOME_REFUSED',
  DraftInvalid = 'DRAFT_INVALID',
  RosterIncomplete = 'ROSTER_INCOMPLETE',
  EvidenceUploadInvalid = 'EVIDENCE_UPLOAD_INVALID',
  EvidenceRecordUnknown = 'EVIDENCE_RECORD_UNKNOWN',
  InvalidDate = 'INVALID_DATE',
  InvalidMeasurement = 'INVALID_MEASUREMENT',
  InvalidEvaluationInput = 'INVALID_EVALUATION_INPUT',
  UnknownTemplate = 'UNKNOWN_TEMPLATE',
  // 429
  TooManyRequests = 'TOO_MANY_REQUESTS',
  // 500: a fault of qcycle, never of the request; logged with the request id.
  Internal = 'INTERNAL',
  // 503: a part qcycle needs did not answer; nothing was changed, try again.
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  WorkflowUnavailable = 'WORKFLOW_UNAVAILABLE',
  SsoUnavailable = 'SSO_UNAVAILABLE',
  DocumentsUnavailable = 'DOCUMENTS_UNAVAILABLE',
}
