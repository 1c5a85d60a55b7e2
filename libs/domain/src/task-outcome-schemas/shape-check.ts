import { isIsoDate } from '../calendar-date';
import type { TaskKind } from '../task-outcomes';
import type { ValidationProblem } from '../validation-problem';
import { ProblemList } from '../validation-problem';
import type { OutcomeSchema } from './schema-kit';
import { TASK_OUTCOME_SCHEMAS } from './schemas-by-kind';

/**
 * A contextual rule, run where the walk reaches its location (`steps[].unitCode`, `[]` for any
 * item) once the value there has the right shape, so its problems come in the order of the form.
 * It adds them to `problems`; `parent` is the object holding the value.
 */
export type OutcomeRule = (
  value: unknown,
  at: { path: string; parent: Record<string, unknown>; problems: ProblemList },
) => void;
export type OutcomeRules = { readonly [location: string]: OutcomeRule };

/**
 * The problems with an outcome's shape, by its kind's schema: one per field, at the validators'
 * paths (`figures[0].indicatorId`, `steps[2].unitCode`, `outputs.qmsChanges`), with the field's
 * `x-problem` code and reason. `rules` lets a validator run its contextual checks in the same walk;
 * their problems are in the answer too.
 */
export function checkOutcomeShape(
  kind: TaskKind,
  outcome: unknown,
  rules: OutcomeRules = {},
): ValidationProblem[] {
  const problems = new ProblemList();
  const status = new ShapeWalk(problems, rules).walk(TASK_OUTCOME_SCHEMAS[kind], outcome, '', '', {});
  if (status === 'unreported')
    problems.add('', 'invalid-value', {
      vi: 'Kết quả xử lý không đúng dạng.',
      en: 'The answer does not have the right shape.',
    });
  return problems.problems;
}

/**
 * `ok`: the value has its shape. `reported`: its problems are in the list. `unreported`: it is
 * wrong where the schema names no problem, so the nearest field that does reports it (a blank
 * item of an evidence list is the list's problem).
 */
type Status = 'ok' | 'reported' | 'unreported';

const worse = (a: Status, b: Status): Status =>
  a === 'unreported' || b === 'unreported'
    ? 'unreported'
    : a === 'reported' || b === 'reported'
      ? 'reported'
      : 'ok';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const compiledPatterns = new Map<string, RegExp>();
function matches(pattern: string, value: string): boolean {
  let regExp = compiledPatterns.get(pattern);
  if (!regExp) {
    regExp = new RegExp(pattern, 'u');
    compiledPatterns.set(pattern, regExp);
  }
  return regExp.test(value);
}

class ShapeWalk {
  constructor(
    private readonly problems: ProblemList,
    private readonly rules: OutcomeRules,
  ) {}

  walk(
    schema: OutcomeSchema,
    value: unknown,
    path: string,
    location: string,
    parent: Record<string, unknown>,
  ): Status {
    if (!hasOwnShape(schema, value)) return this.report(schema, path);
    let status: Status = 'ok';
    if (isObject(value)) status = this.object(schema, value, path, location);
    else if (Array.isArray(value) && schema.items) {
      const items = schema.items;
      value.forEach((item, i) => {
        status = worse(status, this.walk(items, item, `${path}[${i}]`, `${location}[]`, {}));
      });
    }
    if (status === 'unreported') return this.report(schema, path);
    if (status === 'ok') this.rules[location]?.(value, { path, parent, problems: this.problems });
    return status;
  }

  private object(
    schema: OutcomeSchema,
    value: Record<string, unknown>,
    path: string,
    location: string,
  ): Status {
    let status: Status = 'ok';
    const branch = schema.oneOf ? chooseBranch(schema.oneOf, value) : undefined;
    // A branch repeats the properties it shares with the base (its tag); each is walked once.
    const properties = { ...schema.properties, ...branch?.properties };
    const required = [...(schema.required ?? []), ...(branch?.required ?? [])];
    for (const [name, child] of Object.entries(properties)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      const childLocation = location === '' ? name : `${location}.${name}`;
      if (value[name] === undefined) {
        if (required.includes(name)) status = worse(status, this.report(child, childPath));
        continue;
      }
      status = worse(status, this.walk(child, value[name], childPath, childLocation, value));
    }
    // No branch for the tag's value: the base schema's enum has already reported the tag.
    if (schema.oneOf && !branch && status === 'ok') status = 'unreported';
    return status;
  }

  private report(schema: OutcomeSchema, path: string): Status {
    const problem = schema['x-problem'];
    if (!problem) return 'unreported';
    this.problems.add(path, problem.code, { vi: problem.reason, en: problem.reasonEn });
    return 'reported';
  }
}

/**
 * The `oneOf` branch an object takes, told by its tag: the property every branch requires with a
 * single enum value (`decision: approve | return`).
 */
function chooseBranch(
  branches: readonly OutcomeSchema[],
  value: Record<string, unknown>,
): OutcomeSchema | undefined {
  const tag = Object.keys(branches[0]?.properties ?? {}).find((name) =>
    branches.every(
      (branch) => branch.required?.includes(name) && branch.properties?.[name]?.enum?.length === 1,
    ),
  );
  if (tag === undefined) return undefined;
  return branches.find((branch) => branch.properties?.[tag]?.enum?.[0] === value[tag]);
}

/** The keywords about the value itself (not its properties or items). */
function hasOwnShape(schema: OutcomeSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'object':
      if (!isObject(value)) return false;
      break;
    case 'array':
      if (!Array.isArray(value)) return false;
      break;
    case 'string':
      if (typeof value !== 'string') return false;
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return false;
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return false;
      break;
  }
  if (schema.enum && !schema.enum.includes(value as string | boolean)) return false;
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
    if (schema.pattern !== undefined && !matches(schema.pattern, value)) return false;
    if (schema.format === 'date' && !isIsoDate(value)) return false;
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return false;
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) return false;
  return true;
}
