/**
 * Values from JSON Schemas (the OpenAPI 3.0 dialect @nestjs/swagger writes): ones the schema allows,
 * at its bounds, and ones it refuses, each checked against the schema by `allows` before it is used,
 * so a request the fuzzer calls "allowed by the published schema" really is. Seeded: the same seed
 * makes the same values.
 */

import { TEXT_WITHOUT_NUL } from '../../../apps/api/src/common/openapi-exact-schemas';

export type Schema = Record<string, unknown>;

/** mulberry32: small, fast and good enough to pick test values; one seed gives one sequence. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }
}

/** Resolves `$ref`s of the document's components and merges `allOf` (Nest wraps refs in it for descriptions). */
export class SchemaResolver {
  constructor(private readonly components: Record<string, Schema>) {}

  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (typeof schema.$ref === 'string') return this.resolve(this.components[schema.$ref.split('/').pop()!]);
    if (Array.isArray(schema.allOf)) {
      const { allOf, ...rest } = schema;
      const merged: Schema = {};
      for (const part of allOf as Schema[]) Object.assign(merged, this.resolve(part));
      return { ...merged, ...rest };
    }
    return schema;
  }
}

const TEXT_ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...' -_.,;:/()\'"!?@#%&*+=<>[]{}|~`^$\\',
  ...'ăâđêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵĐ',
  '\u0000',
  '\n',
  '\t',
  '😀',
];

const stringLength = (value: string) => [...value].length;

/** Whether `value` satisfies `schema` (the keywords qcycle's document uses; unknown ones allow anything). */
export function allows(resolver: SchemaResolver, rawSchema: Schema | undefined, value: unknown): boolean {
  const schema = resolver.resolve(rawSchema);
  if (value === null) return schema.nullable === true || Object.keys(schema).length === 0;
  if (Array.isArray(schema.enum) && !schema.enum.some((member) => member === value)) return false;
  if (Array.isArray(schema.oneOf))
    return (schema.oneOf as Schema[]).filter((branch) => allows(resolver, branch, value)).length === 1;
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((b) => allows(resolver, b, value)))
    return false;
  switch (schema.type) {
    case 'integer':
      if (!Number.isInteger(value)) return false;
      return numberInBounds(schema, value as number);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && numberInBounds(schema, value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && stringAllowed(schema, value);
    case 'array': {
      if (!Array.isArray(value)) return false;
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
      if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
      if (
        schema.uniqueItems === true &&
        new Set(value.map((item) => JSON.stringify(item))).size < value.length
      )
        return false;
      return value.every((item) => allows(resolver, schema.items as Schema | undefined, item));
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return false;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const record = value as Record<string, unknown>;
      for (const name of (schema.required ?? []) as string[]) if (!(name in record)) return false;
      for (const [name, field] of Object.entries(record)) {
        if (name in properties) {
          if (!allows(resolver, properties[name], field)) return false;
        } else if (schema.additionalProperties === false) return false;
        else if (typeof schema.additionalProperties === 'object') {
          if (!allows(resolver, schema.additionalProperties as Schema, field)) return false;
        }
      }
      return true;
    }
    default:
      return true;
  }
}

function numberInBounds(schema: Schema, value: number): boolean {
  if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
  if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  return true;
}

function stringAllowed(schema: Schema, value: string): boolean {
  if (typeof schema.minLength === 'number' && stringLength(value) < schema.minLength) return false;
  if (typeof schema.maxLength === 'number' && stringLength(value) > schema.maxLength) return false;
  const maxBytes = schema['x-max-utf8-bytes'];
  if (typeof maxBytes === 'number' && Buffer.byteLength(value, 'utf8') > maxBytes) return false;
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) return false;
  switch (schema.format) {
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    case 'uri':
      return URL.canParse(value);
    case 'date-time':
      return isRfc3339DateTime(value);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value);
    case 'uuid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
    default:
      return true;
  }
}

/**
 * RFC 3339's date-time: a real calendar day (Date.parse takes 2024-02-31 for 2 March), hours 00–23,
 * minutes 00–59, an offset under a day. Seconds stop at 59: the API's schema says a leap second is
 * refused, as JavaScript's Date has none.
 */
function isRfc3339DateTime(value: string): boolean {
  const parts = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!parts || !isCalendarDate(parts[1])) return false;
  const [hour, minute, second, , offsetHours = '0', offsetMinutes = '0'] = parts.slice(2);
  return +hour <= 23 && +minute <= 59 && +second <= 59 && +offsetHours <= 23 && +offsetMinutes <= 59;
}

function isCalendarDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years 0–99
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** Generates values of schemas: `allowed` (random within the rules), `boundary` (at the edges), `refused`. */
export class SchemaValues {
  constructor(
    private readonly resolver: SchemaResolver,
    private readonly random: Random,
    /** A real value for a property of that name (an id the suite knows), or undefined. */
    private readonly hint: (name: string) => unknown = () => undefined,
  ) {}

  /** A value the schema allows, or undefined when none could be made (an unsupported pattern). */
  allowed(rawSchema: Schema | undefined, name = '', edge = false): unknown {
    for (let attempt = 0; attempt < 5; attempt++) {
      const value = this.candidate(rawSchema, name, edge);
      if (value !== undefined && allows(this.resolver, rawSchema, value)) return value;
    }
    const example = this.resolver.resolve(rawSchema).example;
    return example !== undefined && allows(this.resolver, rawSchema, example) ? example : undefined;
  }

  /** A value the schema refuses, or undefined when it refuses nothing of that kind. */
  refused(rawSchema: Schema | undefined, inQuery = false): unknown {
    const schema = this.resolver.resolve(rawSchema);
    const candidates: unknown[] = [];
    const { minimum, maximum, minLength, maxLength } = schema as Record<string, number | undefined>;
    if (schema.type === 'integer' || schema.type === 'number') {
      candidates.push(1e307, -1e307, 'abc', '', true, {}, [1]);
      if (schema.type === 'integer') candidates.push(1.5, 2 ** 53 + 2, -0.5);
      if (minimum !== undefined) candidates.push(minimum - 1, minimum - 0.5);
      if (maximum !== undefined) candidates.push(maximum + 1, maximum + 0.5);
    } else if (schema.type === 'string') {
      candidates.push(42, true, {}, ['x']);
      if (minLength !== undefined && minLength > 0) candidates.push('x'.repeat(minLength - 1));
      if (maxLength !== undefined) candidates.push('x'.repeat(maxLength + 1), 'ệ'.repeat(maxLength + 1));
      if (typeof schema.pattern === 'string')
        candidates.push('NOT A MATCH!', ' ', '../..', '%00', 'a\u0000b');
      if (schema.enum) candidates.push('not-a-member', String((schema.enum as unknown[])[0]).toUpperCase());
      if (schema.format) candidates.push('not a ' + String(schema.format));
    } else if (schema.type === 'boolean') {
      candidates.push('yes', 1, 'TRUE', {});
    } else if (schema.type === 'array') {
      candidates.push('x', {}, 42);
      if (typeof schema.maxItems === 'number')
        candidates.push(
          Array.from({ length: schema.maxItems + 1 }, () => this.allowed(schema.items as Schema)),
        );
      if (typeof schema.minItems === 'number' && schema.minItems > 0) candidates.push([]);
      if (schema.uniqueItems === true && ((schema.maxItems as number | undefined) ?? 2) >= 2) {
        const item = this.allowed(schema.items as Schema);
        candidates.push([item, item]);
      }
      candidates.push([this.refused(schema.items as Schema)]);
    } else if (schema.type === 'object') {
      candidates.push('x', 42, [], { unexpected: 1 });
    }
    if (!schema.nullable) candidates.push(null);
    const refused = candidates.filter(
      (value) =>
        value !== undefined &&
        !allows(this.resolver, schema, inQuery ? queryReading(schema, value) : value) &&
        !(inQuery && (typeof value === 'object' || value === null)),
    );
    return refused.length > 0 ? this.random.pick(refused) : undefined;
  }

  /** An object allowed by the schema with one field made wrong, one required field left out, or one unknown field. */
  refusedObject(rawSchema: Schema | undefined): unknown {
    const schema = this.resolver.resolve(rawSchema);
    const value = this.allowed(schema);
    if (schema.type !== 'object' || typeof value !== 'object' || value === null) return this.refused(schema);
    const record = { ...(value as Record<string, unknown>) };
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    const ways = ['field', 'missing', 'unknown', 'whole'].filter(
      (way) =>
        (way !== 'missing' || required.length > 0) &&
        (way !== 'unknown' || schema.additionalProperties === false) &&
        (way !== 'field' || Object.keys(properties).length > 0),
    );
    switch (this.random.pick(ways)) {
      case 'field': {
        const name = this.random.pick(Object.keys(properties));
        const wrong = this.refused(properties[name]);
        if (wrong === undefined) return this.refused(schema);
        record[name] = wrong;
        return record;
      }
      case 'missing':
        delete record[this.random.pick(required)];
        return record;
      case 'unknown':
        record[`unexpected${this.random.int(0, 9)}`] = 'x';
        return record;
      default:
        return this.refused(schema);
    }
  }

  private candidate(rawSchema: Schema | undefined, name: string, edge: boolean): unknown {
    const schema = this.resolver.resolve(rawSchema);
    const hinted = this.hint(name);
    if (hinted !== undefined && this.random.chance(0.6)) return hinted;
    if (schema.nullable === true && this.random.chance(0.1)) return null;
    if (Array.isArray(schema.enum)) return this.random.pick(schema.enum);
    if (Array.isArray(schema.oneOf))
      return this.candidate(this.random.pick(schema.oneOf as Schema[]), name, edge);
    if (Array.isArray(schema.anyOf))
      return this.candidate(this.random.pick(schema.anyOf as Schema[]), name, edge);
    if (schema.example !== undefined && this.random.chance(0.15)) return schema.example;
    switch (schema.type) {
      case 'integer':
      case 'number':
        return this.number(schema, edge);
      case 'boolean':
        return this.random.chance(0.5);
      case 'string':
        return this.string(schema, edge);
      case 'array': {
        const min = (schema.minItems as number | undefined) ?? 0;
        const max = Math.min((schema.maxItems as number | undefined) ?? min + 3, min + 3);
        const count = edge
          ? this.random.pick([min, (schema.maxItems as number | undefined) ?? min])
          : this.random.int(min, max);
        const items = Array.from({ length: count }, () => this.allowed(schema.items as Schema, name, edge));
        if (schema.uniqueItems !== true) return items;
        // Each item once, as the schema asks: a repeat drawn is drawn again (a few times).
        const seen = new Set<string>();
        return items.map((item) => {
          let unique = item;
          for (let attempt = 0; seen.has(JSON.stringify(unique)) && attempt < 20; attempt++)
            unique = this.allowed(schema.items as Schema, name, false);
          seen.add(JSON.stringify(unique));
          return unique;
        });
      }
      case 'object':
        return this.object(schema, edge);
      default:
        return this.random.pick(['x', 1, true]);
    }
  }

  private number(schema: Schema, edge: boolean): number {
    const integer = schema.type === 'integer';
    // Without a bound, any number is allowed, including ones no database column holds (1e307 is an
    // integer to JSON Schema): those are where a 500 hides.
    const huge = () => this.random.pick([1e15, 2 ** 53, 1e307]);
    const min = (schema.minimum as number | undefined) ?? (this.random.chance(0.1) ? -huge() : -1000);
    const max = (schema.maximum as number | undefined) ?? (this.random.chance(0.1) ? huge() : 1000);
    if (edge) return this.random.pick([min, max]);
    if (this.random.chance(0.2))
      return this.random.pick([min, max, integer ? 0 : 0.5].filter((n) => n >= min && n <= max));
    const value = min + this.random.next() * (max - min);
    return integer ? Math.round(value) : value;
  }

  private string(schema: Schema, edge: boolean): string | undefined {
    const minLength = (schema.minLength as number | undefined) ?? 0;
    const maxLength = (schema.maxLength as number | undefined) ?? Math.max(minLength, 200);
    // Free text (the API refuses only NUL in it) is made like any text; other patterns from the regex.
    if (typeof schema.pattern === 'string' && schema.pattern !== TEXT_WITHOUT_NUL)
      return matchingString(schema.pattern, this.random);
    switch (schema.format) {
      case 'email':
        return `fuzz.${this.random.int(0, 1e9)}@example.test`;
      case 'uri':
        return this.random.pick(['https://example.test/cb', 'http://localhost:3000/auth/callback']);
      case 'date-time':
        return new Date(this.random.int(0, 4102444800000)).toISOString();
      case 'date':
        return new Date(this.random.int(0, 4102444800000)).toISOString().slice(0, 10);
      case 'uuid':
        return crypto.randomUUID();
    }
    const length = edge
      ? this.random.pick([minLength, Math.min(maxLength, minLength + 5000)])
      : this.random.int(minLength, Math.min(maxLength, minLength + 40));
    const alphabet =
      schema.pattern === TEXT_WITHOUT_NUL ? TEXT_ALPHABET.filter((c) => c !== '\u0000') : TEXT_ALPHABET;
    let text = Array.from({ length }, () => this.random.pick(alphabet)).join('');
    const maxBytes = schema['x-max-utf8-bytes'];
    if (typeof maxBytes === 'number')
      while (Buffer.byteLength(text, 'utf8') > maxBytes) text = [...text].slice(0, -1).join('');
    return text;
  }

  private object(schema: Schema, edge: boolean): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, field] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      if (!required.has(name) && !this.random.chance(edge ? 0.9 : 0.5)) continue;
      const value = this.allowed(field, name, edge);
      if (value !== undefined) record[name] = value;
    }
    if (schema.additionalProperties === true && this.random.chance(0.3)) record.extra = this.random.int(0, 9);
    return record;
  }
}

/** How a query parameter arrives: a string, which the schema judges as the typed value it stands for. */
export function queryReading(schema: Schema, value: unknown): unknown {
  const text = String(value);
  if (schema.type === 'integer' || schema.type === 'number')
    return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : text;
  if (schema.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/**
 * A string matching a regular expression of the subset the document uses (anchors, literals, escapes,
 * classes, groups with alternation, quantifiers); undefined for anything else.
 */
export function matchingString(pattern: string, random: Random): string | undefined {
  try {
    const parser = new PatternParser(pattern);
    const node = parser.alternation();
    if (!parser.done()) return undefined;
    return generate(node, random);
  } catch {
    return undefined;
  }
}

type Node =
  | { kind: 'chars'; chars: string[] }
  | { kind: 'sequence'; items: Node[] }
  | { kind: 'choice'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGITS = [...'0123456789'];
const WORD = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];
const NON_SPACE = [...WORD, ...'-.ăđệ'];

class PatternParser {
  private at = 0;
  constructor(private readonly source: string) {}

  done(): boolean {
    return this.at >= this.source.length;
  }

  alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'choice', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (!this.done() && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const char = this.source[this.at];
      if (char === '^' || char === '$') {
        this.at++;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'sequence', items };
  }

  private atom(): Node {
    const char = this.source[this.at++];
    if (char === '(') {
      if (this.source.startsWith('?:', this.at)) this.at += 2;
      const inner = this.alternation();
      if (this.source[this.at++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    if (char === '[') return { kind: 'chars', chars: this.charClass() };
    if (char === '\\') return { kind: 'chars', chars: this.escape() };
    if (char === '.') return { kind: 'chars', chars: WORD };
    if ('*+?{'.includes(char)) throw new Error('quantifier without atom');
    return { kind: 'chars', chars: [char] };
  }

  private escape(): string[] {
    const char = this.source[this.at++];
    if (char === 'd') return DIGITS;
    if (char === 'w') return WORD;
    if (char === 'S') return NON_SPACE;
    if (char === 's') return [' '];
    if (char === 'u') {
      const code = this.source.slice(this.at, this.at + 4);
      this.at += 4;
      return [String.fromCharCode(parseInt(code, 16))];
    }
    if (/[a-zA-Z]/.test(char)) throw new Error(`unsupported escape \\${char}`);
    return [char];
  }

  private charClass(): string[] {
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    const chars: string[] = [];
    while (this.source[this.at] !== ']') {
      if (this.done()) throw new Error('unclosed class');
      let from: string[];
      const char = this.source[this.at++];
      from = char === '\\' ? this.escape() : [char];
      if (from.length === 1 && this.source[this.at] === '-' && this.source[this.at + 1] !== ']') {
        this.at++;
        const endChar = this.source[this.at++];
        const to = endChar === '\\' ? this.escape() : [endChar];
        from = [];
        for (let code = char.charCodeAt(0); code <= to[0].charCodeAt(0); code++)
          from.push(String.fromCharCode(code));
      }
      chars.push(...from);
    }
    this.at++;
    return negated ? TEXT_ALPHABET.filter((char) => !chars.includes(char)) : chars;
  }

  private quantified(node: Node): Node {
    const char = this.source[this.at];
    if (char === '?') return (this.at++, { kind: 'repeat', node, min: 0, max: 1 });
    if (char === '*') return (this.at++, { kind: 'repeat', node, min: 0, max: 4 });
    if (char === '+') return (this.at++, { kind: 'repeat', node, min: 1, max: 5 });
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!match) throw new Error('bad quantifier');
      this.at += match[0].length;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? min + 5 : Number(match[3]);
      return { kind: 'repeat', node, min, max };
    }
    return node;
  }
}

function generate(node: Node, random: Random): string {
  switch (node.kind) {
    case 'chars':
      return random.pick(node.chars);
    case 'sequence':
      return node.items.map((item) => generate(item, random)).join('');
    case 'choice':
      return generate(random.pick(node.options), random);
    case 'repeat': {
      const count = random.chance(0.2) ? random.pick([node.min, node.max]) : random.int(node.min, node.max);
      return Array.from({ length: count }, () => generate(node.node, random)).join('');
    }
  }
}
