import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { QcycleErrorCode } from '@qcycle/contracts';

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

/**
 * The global validation pipe: unknown fields are refused, types are converted, and a bad request
 * is answered 400 with every wrong field and why.
 */
export function qcycleValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      return new BadRequestException({
        code: QcycleErrorCode.ValidationFailed,
        message: `Invalid request: ${Object.keys(fields).join(', ')}`,
        details: { fields },
      });
    },
  });
}
