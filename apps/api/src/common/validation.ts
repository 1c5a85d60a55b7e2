import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { QcycleError, QcycleErrorCode } from '@qcycle/contracts';

/** Flattens class-validator errors to `{ "field.path": ["reason", …] }`. */
function fieldErrors(errors: ValidationError[], parent = ''): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const error of errors) {
    const path = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    Object.assign(fields, fieldErrors(error.children ?? [], path));
  }
  return fields;
}

function invalidRequest(fields: Record<string, string[]>): QcycleError {
  return new QcycleError(
    QcycleErrorCode.ValidationFailed,
    'default',
    { fields: Object.keys(fields) },
    { fields },
  );
}

export const NUL_REASON = 'must not contain the NUL character (U+0000)';

/** The paths of every string in a request value that holds a NUL character. */
function fieldsWithNul(value: unknown, path: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => fieldsWithNul(item, path ? `${path}.${index}` : String(index), found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      fieldsWithNul(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/**
 * The global validation pipe: unknown fields are refused, types are converted, and a bad request
 * is answered 400 with every wrong field and why.
 *
 * Text never holds a NUL character: PostgreSQL cannot store one (a lookup or write with it failed
 * with a 500), and no qcycle value needs it. In a query or body it is a 400 naming the field (the
 * OpenAPI document says so: see openapi-exact-schemas.ts); in a path it names nothing that can exist,
 * so it is a 404 like any other unknown id.
 */
class QcycleValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && fieldsWithNul(value, metadata.data ?? '').length > 0)
      throw new QcycleError(QcycleErrorCode.NotFound);
    const transformed: unknown = await super.transform(value, metadata);
    if (metadata.type === 'body' || metadata.type === 'query') {
      const withNul = fieldsWithNul(transformed, metadata.data ?? '');
      // A free-form object (a task's outcome, a cycle's draft) has no schema of the DTO's own: what
      // is in it is judged whole by its owner and refused with 422, as the document says of them.
      const freeForm = freeFormProperties(metadata.metatype);
      const inFreeForm = withNul.filter((field) => freeForm.has(field.split('.')[0]));
      const elsewhere = withNul.filter((field) => !inFreeForm.includes(field));
      if (elsewhere.length > 0)
        throw invalidRequest(Object.fromEntries(elsewhere.map((field) => [field || 'body', [NUL_REASON]])));
      if (inFreeForm.length > 0)
        throw new QcycleError(
          QcycleErrorCode.RuleViolated,
          'default',
          { fields: inFreeForm },
          {
            fields: Object.fromEntries(inFreeForm.map((field) => [field, [NUL_REASON]])),
          },
        );
    }
    return transformed;
  }
}

/** The properties of a DTO that hold any JSON object (`@IsObject` without `@ValidateNested`). */
function freeFormProperties(metatype: ArgumentMetadata['metatype']): Set<string> {
  if (!metatype) return new Set();
  const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
  const objects = new Set(rules.filter((rule) => rule.name === 'isObject').map((rule) => rule.propertyName));
  for (const rule of rules) if (rule.type === 'nestedValidation') objects.delete(rule.propertyName);
  return objects;
}

export function qcycleValidationPipe(): ValidationPipe {
  return new QcycleValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => invalidRequest(fieldErrors(errors)),
  });
}
