import { QueryFailedError } from 'typeorm';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

export function notFound(what: string): QcycleError {
  return new QcycleError(QcycleErrorCode.NotFound, `${what} not found in your organisation`);
}

export function conflict(message: string, details?: Record<string, unknown>): QcycleError {
  return new QcycleError(QcycleErrorCode.Conflict, message, details);
}

export function forbidden(message: string): QcycleError {
  return new QcycleError(QcycleErrorCode.Forbidden, message);
}

/**
 * A 422 naming one field, shaped like the validation pipe's 400s: the field is well-formed (the
 * published schema allows it) but the directory's rules refuse it — a unit that does not exist, a
 * unit-head role without its unit, a unit under itself.
 */
export function refusedField(field: string, reason: string): QcycleError {
  return new QcycleError(QcycleErrorCode.RuleViolated, `Refused: ${field}`, {
    fields: { [field]: [reason] },
  });
}

/** A unique index refused the row (a concurrent create got there first): PostgreSQL 23505, SQLite UNIQUE/PRIMARY KEY. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return (
    driverError?.code === '23505' || /SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(driverError?.code ?? '')
  );
}
