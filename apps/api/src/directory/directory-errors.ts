import { QueryFailedError } from 'typeorm';
import {
  QcycleError,
  QcycleErrorCode,
  type ErrorMessageParams,
  type ErrorMessageVariant,
} from '@qcycle/contracts';

type Variant<C extends QcycleErrorCode> = ErrorMessageVariant<C>;

export function notFound(what: Variant<QcycleErrorCode.NotFound>, params: ErrorMessageParams): QcycleError {
  return new QcycleError(QcycleErrorCode.NotFound, what, params);
}

export function conflict(
  why: Variant<QcycleErrorCode.Conflict>,
  params: ErrorMessageParams = {},
  details?: Record<string, unknown>,
): QcycleError {
  return new QcycleError(QcycleErrorCode.Conflict, why, params, details);
}

export function forbidden(why: Variant<QcycleErrorCode.Forbidden>): QcycleError {
  return new QcycleError(QcycleErrorCode.Forbidden, why);
}

/**
 * A 422 naming one field, shaped like the validation pipe's 400s: the field is well-formed (the
 * published schema allows it) but the directory's rules refuse it — a unit that does not exist, a
 * unit-head role without its unit, a unit under itself.
 */
export function refusedField(field: string, reason: string): QcycleError {
  return new QcycleError(
    QcycleErrorCode.RuleViolated,
    'default',
    { fields: field },
    {
      fields: { [field]: [reason] },
    },
  );
}

/** A unique index refused the row (a concurrent create got there first): PostgreSQL 23505, SQLite UNIQUE/PRIMARY KEY. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return (
    driverError?.code === '23505' || /SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(driverError?.code ?? '')
  );
}
