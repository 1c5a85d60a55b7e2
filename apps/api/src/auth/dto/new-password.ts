import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsOptional,
  IsString,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { MAX_PASSWORD_BYTES } from '../password-hasher';

export const MIN_PASSWORD_LENGTH = 12;

/** Its name, `passwordBytes`, is what the OpenAPI document reads (common/openapi-exact-schemas.ts). */
@ValidatorConstraint({ name: 'passwordBytes' })
class PasswordBytes implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= MAX_PASSWORD_BYTES;
  }
  defaultMessage(): string {
    return `password must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt reads no more)`;
  }
}

/**
 * A password qcycle will hash: at least MIN_PASSWORD_LENGTH characters, at most MAX_PASSWORD_BYTES
 * bytes (docs/security.md). The one rule for every field that sets one — an administrator's for
 * someone, the person's own, the first administrator's — with its description; `optional` for a
 * field that may be left out (an SSO-only person has none).
 */
export function NewPassword(options: { example: string; description?: string; optional?: boolean }) {
  const description = options.description ?? `At least ${MIN_PASSWORD_LENGTH} characters`;
  return applyDecorators(
    options.optional
      ? ApiPropertyOptional({ example: options.example, description })
      : ApiProperty({ example: options.example, description }),
    ...(options.optional ? [IsOptional()] : []),
    IsString(),
    MinLength(MIN_PASSWORD_LENGTH),
    Validate(PasswordBytes),
  );
}
