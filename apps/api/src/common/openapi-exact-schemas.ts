import type { OpenAPIObject } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { MAX_PASSWORD_BYTES } from '../auth/password-hasher';

/** Where @ApiProperty keeps a property's schema (`API_MODEL_PROPERTIES` of @nestjs/swagger, not exported). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/**
 * The published schemas say exactly what the validation pipe accepts, because they are derived from
 * the same class-validator decorators: `@IsInt` makes an `integer`, `@Min`/`@Max` the bounds,
 * `@MinLength`/`@MaxLength`/`@Matches` the string rules, `@IsIn` the enum, `@IsEmail`/`@IsUrl`/
 * `@IsInstant` the format, `@ArrayMinSize`/`@ArrayMaxSize` the item counts, `@ArrayUnique` that
 * each item comes once. A rule written once on the DTO can no longer be missing from the document
 * (what the Nest CLI plugin's class-validator shim does at compile time; qcycle builds with swc,
 * without the plugin). What a decorator already states explicitly wins.
 */
export function deriveSchemasFromValidators(): void {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, ValidationMetadata[]>;
  };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const prototype = (target as { prototype: object }).prototype;
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas)
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    for (const [property, rules] of byProperty) {
      const documented = Reflect.getOwnMetadata(API_MODEL_PROPERTIES, prototype, property) as
        Record<string, unknown> | undefined;
      if (!documented) continue; // not in the document (forbidNonWhitelisted still governs it)
      Reflect.defineMetadata(API_MODEL_PROPERTIES, withRules(documented, rules), prototype, property);
    }
  }
}

type Keywords = Record<string, unknown>;

function withRules(documented: Keywords, rules: ValidationMetadata[]): Keywords {
  const isArray = documented.isArray === true;
  const own: Keywords = {};
  const items: Keywords = {};
  for (const rule of rules) {
    const target = rule.each && isArray ? items : own;
    for (const [keyword, value] of Object.entries(keywordsOf(rule))) target[keyword] ??= value;
  }
  const merged: Keywords = { ...documented };
  for (const [keyword, value] of Object.entries(own)) {
    if (keyword === 'type') {
      if (documented.type === Number || documented.type === 'number' || documented.type === undefined)
        merged.type = value;
    } else merged[keyword] ??= value;
  }
  if (Object.keys(items).length > 0 && isArray && typeof documented.type === 'function') {
    const itemType =
      documented.type === String ? 'string' : documented.type === Number ? 'number' : undefined;
    if (itemType) {
      delete merged.isArray;
      merged.type = 'array';
      merged.items = { type: itemType, ...items, ...((documented.items as Keywords | undefined) ?? {}) };
    }
  }
  return merged;
}

/** The JSON Schema keywords that say what one class-validator rule accepts (none when it cannot). */
function keywordsOf(rule: ValidationMetadata): Keywords {
  const [first, second] = (rule.constraints ?? []) as unknown[];
  // @Validate(SomeConstraint) carries no name of its own: the constraint class has it.
  const name =
    rule.name ??
    (rule.constraintCls
      ? getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls)[0]?.name
      : undefined);
  switch (name) {
    case 'isInt':
      return { type: 'integer' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'minLength':
      return { minLength: first };
    case 'maxLength':
      return { maxLength: first };
    case 'isLength':
      return second === undefined ? { minLength: first } : { minLength: first, maxLength: second };
    case 'matches': {
      const pattern = first instanceof RegExp ? first : new RegExp(String(first), String(second ?? ''));
      // JSON Schema patterns carry no flags: a case-insensitive rule stays in prose only.
      return pattern.flags === '' ? { pattern: pattern.source } : {};
    }
    case 'isIn':
      return Array.isArray(first) ? { enum: first } : {};
    case 'isEmail':
      return { format: 'email' };
    case 'isUrl':
      return { format: 'uri' };
    case 'isInstant':
      return { format: 'date-time' };
    case 'isUuid':
    case 'isUUID':
      return { format: 'uuid' };
    case 'arrayMinSize':
      return { minItems: first };
    case 'arrayMaxSize':
      return { maxItems: first };
    case 'arrayUnique':
      return { uniqueItems: true };
    case 'passwordBytes':
      // bcrypt reads 72 bytes: at most 72 characters, and fewer when they are not ASCII. JSON Schema
      // counts characters only, so the byte budget is an extension keyword (clients and the fuzzer read it).
      return { maxLength: MAX_PASSWORD_BYTES, 'x-max-utf8-bytes': MAX_PASSWORD_BYTES };
    default:
      return {};
  }
}

/**
 * The global ValidationPipe refuses unknown fields (forbidNonWhitelisted), so every DTO a request body
 * is made of says `additionalProperties: false`. Only DTO classes are marked (components named like a
 * class the validators know): the task outcome schemas and free-form objects such as a cycle's `draft`
 * keep what they say, since the workflow, not the pipe, judges those.
 */
export function withClosedRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const dtoNames = validatedClassNames();
  const components = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const closed = new Set<string>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const component = components[name];
      if (!component || closed.has(name) || !dtoNames.has(name)) return;
      closed.add(name);
      if (component.type === 'object' && component.additionalProperties === undefined)
        component.additionalProperties = false;
      close(component);
      return;
    }
    for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])]) close(part);
    if (schema.items) close(schema.items);
    for (const property of Object.values(schema.properties ?? {})) close(property);
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as {
      requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
    }[]) {
      for (const media of Object.values(operation?.requestBody?.content ?? {})) close(media.schema);
    }
  }
  return document;
}

/** The names of the classes class-validator has rules for: the DTOs (as components, by class name). */
function validatedClassNames(): Set<string> {
  const names = new Set<string>();
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  for (const target of storage.validationMetadatas.keys())
    if (typeof target === 'function') names.add((target as { name: string }).name);
  return names;
}

/** Text without a NUL character (the validation pipe refuses U+0000 in every query and body string). */
export const TEXT_WITHOUT_NUL = '^[^\\u0000]*$';
const FORMATS_WITHOUT_NUL = new Set(['email', 'uri', 'date-time', 'date', 'uuid']);

/**
 * Every free-text string of a query parameter or request body says that it holds no NUL character,
 * which the validation pipe refuses everywhere (qcycleValidationPipe): a string with its own pattern,
 * enum or strict format says so already.
 */
export function withTextWithoutNul(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  const dtoNames = validatedClassNames();
  const seen = new Set<object>();
  const mark = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    if ('$ref' in schema) {
      // Only DTOs: a task outcome or a cycle draft is judged whole by its owner, which answers 422.
      const name = schema.$ref.replace('#/components/schemas/', '');
      return dtoNames.has(name) ? mark(components[name]) : undefined;
    }
    if (
      schema.type === 'string' &&
      schema.pattern === undefined &&
      schema.enum === undefined &&
      !FORMATS_WITHOUT_NUL.has(schema.format ?? '')
    )
      schema.pattern = TEXT_WITHOUT_NUL;
    for (const part of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
      mark(part);
    if (schema.items) mark(schema.items);
    for (const property of Object.values(schema.properties ?? {})) mark(property);
    if (typeof schema.additionalProperties === 'object') mark(schema.additionalProperties);
  };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as {
      parameters?: { in?: string; schema?: SchemaObject }[];
      requestBody?: { content?: Record<string, { schema?: SchemaObject }> };
    }[]) {
      for (const parameter of operation?.parameters ?? [])
        if (parameter.in === 'query') mark(parameter.schema);
      for (const media of Object.values(operation?.requestBody?.content ?? {})) mark(media.schema);
    }
  }
  return document;
}
