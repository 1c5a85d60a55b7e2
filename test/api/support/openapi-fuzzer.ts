import { Random, SchemaResolver, SchemaValues, allows, queryReading, type Schema } from './schema-values';

/**
 * Requests for every operation of the API's OpenAPI document, made from its parameters and request
 * body schemas: allowed ones (random within the rules, or at their bounds) and refused ones (one
 * parameter or field made wrong). Each request says whether the published schema allows it, which is
 * what the fuzz suite asserts on.
 */

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}

export type Variant = 'allowed' | 'boundary' | 'refused';

export interface FuzzOperation {
  method: string;
  template: string;
  key: string;
  operation: Operation;
  documented: Set<number>;
}

export interface FuzzRequest {
  operation: FuzzOperation;
  variant: Variant;
  method: string;
  /** Path and query, encoded. */
  url: string;
  body?: unknown;
  /** The published schema allows every parameter and the body: it must not be answered 400. */
  schemaAllows: boolean;
  /** What was made wrong, for the failure message. */
  wrong?: string;
}

/** Real values the suite knows, by path parameter (`cycleId`, `units:code`, …) or body field name. */
export type KnownValues = Map<string, unknown[]>;

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        key: `${method.toUpperCase()} ${template}`,
        operation,
        documented: new Set(Object.keys(operation.responses).map(Number)),
      });
    }
  }
  return operations;
}

export class RequestFactory {
  private readonly resolver: SchemaResolver;

  constructor(
    document: OpenApiDocument,
    private readonly random: Random,
    private readonly known: KnownValues,
  ) {
    this.resolver = new SchemaResolver(document.components?.schemas ?? {});
  }

  /** One request for the operation; `useKnown` false keeps real ids out (for destructive calls). */
  make(target: FuzzOperation, variant: Variant, useKnown = true): FuzzRequest {
    const values = new SchemaValues(this.resolver, this.random, (name) => {
      const pool = useKnown ? this.known.get(name) : undefined;
      return pool && pool.length > 0 ? this.random.pick(pool) : undefined;
    });
    const parameters = (target.operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
    const body = this.bodySchema(target.operation);
    // Which one part a refused request makes wrong: a parameter that can be wrong, or the body.
    const wrongable: string[] = [
      ...parameters
        .filter((p) => p.in === 'query' || !!this.resolver.resolve(p.schema).pattern)
        .filter((p) => values.refused(p.schema, p.in === 'query') !== undefined)
        .map((p) => `${p.in}:${p.name}`),
      ...(body ? ['body'] : []),
    ];
    const wrong = variant === 'refused' && wrongable.length > 0 ? this.random.pick(wrongable) : undefined;
    let schemaAllows = wrong === undefined;

    let path = target.template;
    const query: string[] = [];
    for (const parameter of parameters) {
      const id = `${parameter.in}:${parameter.name}`;
      let value: unknown;
      if (id === wrong) value = values.refused(parameter.schema, parameter.in === 'query');
      else if (parameter.in === 'path') value = this.pathValue(target, parameter, values, useKnown);
      else if (parameter.required || this.random.chance(variant === 'boundary' ? 0.8 : 0.4))
        value = values.allowed(parameter.schema, parameter.name, variant === 'boundary');
      else continue;
      if (value === undefined) {
        if (parameter.in === 'path' || parameter.required) schemaAllows = false;
        if (parameter.in === 'path') value = 'x';
        else continue;
      }
      if (parameter.in === 'path')
        path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
      else query.push(`${encodeURIComponent(parameter.name)}=${encodeURIComponent(String(value))}`);
    }

    // A body of another media type (a multipart upload) is not made here: such a request is sent
    // without it, which the schema does not allow when the body is required.
    if (!body && target.operation.requestBody?.required) schemaAllows = false;
    let payload: unknown;
    if (body) {
      if (wrong === 'body') payload = values.refusedObject(body);
      else {
        payload = values.allowed(body, '', variant === 'boundary');
        if (payload === undefined || !allows(this.resolver, body, payload)) schemaAllows = false;
      }
      if (payload === undefined) payload = {};
    }
    if (wrong === 'body' && allows(this.resolver, body, payload)) schemaAllows = true;
    return {
      operation: target,
      variant,
      method: target.method,
      url: query.length > 0 ? `${path}?${query.join('&')}` : path,
      body: payload,
      schemaAllows,
      wrong,
    };
  }

  private bodySchema(operation: Operation): Schema | undefined {
    return operation.requestBody?.content?.['application/json']?.schema;
  }

  private pathValue(
    target: FuzzOperation,
    parameter: Parameter,
    values: SchemaValues,
    useKnown: boolean,
  ): unknown {
    const collection = target.template.split('/').filter(Boolean)[2] ?? '';
    const pool = useKnown
      ? (this.known.get(`${collection}:${parameter.name}`) ?? this.known.get(parameter.name))
      : undefined;
    if (pool && pool.length > 0 && this.random.chance(0.75)) return this.random.pick(pool);
    // A path segment is never empty, and "." or ".." would be a different URL once normalised.
    for (let attempt = 0; attempt < 5; attempt++) {
      const value = values.allowed(parameter.schema, `path:${parameter.name}`);
      if (typeof value === 'string' && value !== '' && value !== '.' && value !== '..') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return value;
    }
    return undefined;
  }
}

/** What the fuzz suite asserts of one answer; undefined when it is right. */
export function verdict(request: FuzzRequest, status: number): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (!request.operation.documented.has(status))
    return `answered ${status}, which the operation does not document`;
  if (request.schemaAllows && ![200, 201, 202, 204, 401, 403, 404, 409, 422].includes(status))
    return `answered ${status} to a request the published schema allows`;
  return undefined;
}

export { Random, queryReading };
