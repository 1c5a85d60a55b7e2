import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { QcycleErrorCode } from '@qcycle/contracts';

/**
 * The tests run the sources through SWC; `npm start` and the images run what `tsc -p
 * tsconfig.build.json` emits. Where the two emit different code, a test can pass on code that fails
 * in production: a refused e-mailed task link answered 500 (a `ReferenceError` before `super()`)
 * while every API test of it passed. These check the shipped emit itself, with the build's options.
 */
const root = join(__dirname, '..', '..');
const build = ts.getParsedCommandLineOfConfigFile(
  join(root, 'tsconfig.build.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
) as ts.ParsedCommandLine;

const emitted = (file: string) =>
  ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: build.options, fileName: file })
    .outputText;

/** Each constructor of a derived class in the emitted code whose body touches `this` before `super(`. */
function thisBeforeSuper(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(
    /class (\w+) extends [^{]+\{[\s\S]*?constructor\([^)]*\)\s*\{([\s\S]*?)\n {4}\}/g,
  )) {
    const [, name, body] = match;
    const firstSuper = body.search(/\bsuper\(/);
    const firstThis = body.search(/\bthis\b/);
    if (firstSuper >= 0 && firstThis >= 0 && firstThis < firstSuper) found.push(name);
  }
  return found;
}

describe('the shipped build (tsc), not only the tests’ SWC', () => {
  it('reads the production sources tsc builds: every app and library but the tests’', () => {
    const built = build.fileNames.map((file) => relative(root, file));
    for (const lib of readdirSync(join(root, 'libs')).filter((name) => name !== 'testing'))
      expect(built.some((file) => file.startsWith(`libs/${lib}/src/`))).toBe(true);
    for (const app of ['apps/api/src/', 'apps/worker/src/', 'workflows/src/', 'activities/src/'])
      expect(built.some((file) => file.startsWith(app))).toBe(true);
  });

  it('never touches `this` before `super()` in a constructor (a ReferenceError at run time)', () => {
    const offenders = build.fileNames
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .flatMap((file) => thisBeforeSuper(emitted(file)).map((name) => `${relative(root, file)}: ${name}`));
    expect(offenders).toEqual([]);
  });

  it('refuses a task link used twice with a 409 error and every other bad link with 403, as shipped', () => {
    // The emitted module itself, its imports served by the same modules the tests use.
    const file = join(root, 'libs/task-links/src/task-link.error.ts');
    const module = { exports: {} as Record<string, unknown> };
    new Function('require', 'module', 'exports', emitted(file))(require, module, module.exports);
    const { TaskLinkError, TaskLinkErrorCode } = module.exports as typeof import('@qcycle/task-links');
    const used = new TaskLinkError(TaskLinkErrorCode.AlreadyUsed, 'used');
    expect(used).toMatchObject({
      code: QcycleErrorCode.Conflict,
      reason: 'TASK_LINK_ALREADY_USED',
      message: 'used',
    });
    for (const reason of [
      TaskLinkErrorCode.Expired,
      TaskLinkErrorCode.BadSignature,
      TaskLinkErrorCode.WrongTask,
    ]) {
      expect(new TaskLinkError(reason, 'refused')).toMatchObject({ code: QcycleErrorCode.Forbidden, reason });
    }
  });
});
