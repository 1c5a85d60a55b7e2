import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * Workflow code runs in Temporal's deterministic sandbox, from a webpack bundle that resolves only
 * @temporalio/workflow and the pure libs (apps/worker/src/workflow-bundle.ts). So at run time it may
 * import only those and its own files; `import type` is erased by the compiler and may name anything
 * (activities are proxied by type). The same rule is in eslint.config.mjs; this test also follows
 * the imports through @qcycle/contracts and @qcycle/domain, so nothing they pull in escapes it.
 */
const repoRoot = resolve(__dirname, '..', '..');
const workflowsRoot = __dirname;
/** The run-time imports workflow code may name, and where the bundler finds them. */
const allowedPackages: Record<string, string | null> = {
  '@temporalio/workflow': null, // the sandbox's own API: not followed
  '@qcycle/contracts': join(repoRoot, 'libs', 'contracts', 'src'),
  '@qcycle/domain': join(repoRoot, 'libs', 'domain', 'src'),
};

interface ModuleImport {
  specifier: string | undefined; // undefined: the argument of require()/import() is not a literal
  kind: 'import' | 'export' | 'require' | 'dynamic import()';
  line: number;
}

/** Imports that survive compilation; `import type`, `export type` and `import { type A }` do not. */
function runtimeImports(fileName: string, code: string): ModuleImport[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: ModuleImport[] = [];
  const add = (node: ts.Node, kind: ModuleImport['kind'], moduleSpecifier: ts.Node | undefined) => {
    const specifier =
      moduleSpecifier && ts.isStringLiteralLike(moduleSpecifier) ? moduleSpecifier.text : undefined;
    found.push({ specifier, kind, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined &&
          clause.name === undefined &&
          named !== undefined &&
          ts.isNamedImports(named) &&
          named.elements.length > 0 &&
          named.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) add(node, 'import', node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const named = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (named !== undefined &&
          ts.isNamedExports(named) &&
          named.elements.length > 0 &&
          named.elements.every((element) => element.isTypeOnly));
      if (!typeOnly) add(node, 'export', node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      if (!node.isTypeOnly) add(node, 'require', node.moduleReference.expression);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node, 'dynamic import()', node.arguments[0]);
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
        add(node, 'require', node.arguments[0]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveTsFile(base: string): string | undefined {
  return [base, `${base}.ts`, join(base, 'index.ts')].find(
    (path) => path.endsWith('.ts') && existsSync(path),
  );
}

const isInside = (root: string, path: string) => path === root || path.startsWith(root + sep);

/**
 * Walks every module the workflow bundle would contain, starting from `entries`, and returns one
 * line per import that would put something else into the sandbox.
 */
function determinismViolations(entries: string[], entryRoot = workflowsRoot): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const queue = entries.map((file) => ({ file, root: entryRoot }));
  while (queue.length > 0) {
    const { file, root } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { specifier, kind, line } of runtimeImports(file, readFileSync(file, 'utf8'))) {
      const where = `${relative(repoRoot, file)}:${line}`;
      if (specifier === undefined) {
        problems.push(`${where}: ${kind} of a computed name cannot be bundled or checked`);
      } else if (
        specifier.startsWith('./') ||
        specifier.startsWith('../') ||
        specifier === '.' ||
        specifier === '..'
      ) {
        const target = resolve(dirname(file), specifier);
        const resolved = resolveTsFile(target);
        if (!isInside(root, target)) {
          problems.push(`${where}: ${kind} '${specifier}' leaves ${relative(repoRoot, root)}`);
        } else if (!resolved) {
          problems.push(`${where}: ${kind} '${specifier}' does not resolve to a .ts file`);
        } else {
          queue.push({ file: resolved, root });
        }
      } else if (specifier in allowedPackages) {
        const packageRoot = allowedPackages[specifier];
        if (packageRoot) queue.push({ file: join(packageRoot, 'index.ts'), root: packageRoot });
      } else {
        problems.push(
          `${where}: ${kind} '${specifier}' — workflow code may import only @temporalio/workflow, ` +
            '@qcycle/contracts, @qcycle/domain and relative files at run time (use `import type` otherwise)',
        );
      }
    }
  }
  return problems;
}

function workflowSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return workflowSourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('workflow code is deterministic', () => {
  const files = workflowSourceFiles(workflowsRoot);

  it('finds the workflow sources', () => {
    expect(files.map((file) => relative(workflowsRoot, file))).toContain('index.ts');
  });

  it.each(files.map((file) => [relative(repoRoot, file), file]))(
    '%s and everything it imports at run time stay inside the sandbox',
    (_name, file) => {
      expect(determinismViolations([file])).toEqual([]);
    },
  );

  describe('the check itself', () => {
    const imports = (code: string) => runtimeImports('sample.ts', code).map((found) => found.specifier);

    it('sees static, re-exported, required and dynamically imported modules', () => {
      const code = [
        "import { a } from '@nestjs/common';",
        "import * as fs from 'node:fs';",
        "import 'reflect-metadata';",
        "import x, { type Y } from 'typeorm';",
        "export { b } from 'pg';",
        "export * from 'path';",
        "import os = require('os');",
        "const c = require('crypto');",
        "const d = await import('http');",
        'const e = require(name);',
      ].join('\n');
      expect(imports(code)).toEqual([
        '@nestjs/common',
        'node:fs',
        'reflect-metadata',
        'typeorm',
        'pg',
        'path',
        'os',
        'crypto',
        'http',
        undefined,
      ]);
    });

    it('lets type-only imports through, because the compiler erases them', () => {
      const code = [
        "import type { A } from '@qcycle/activities';",
        "import { type B, type C } from 'typeorm';",
        "export type { D } from '@nestjs/common';",
        "export { type E } from 'node:fs';",
        "type F = typeof import('node:path');",
      ].join('\n');
      expect(imports(code)).toEqual([]);
    });

    it('follows relative imports and refuses those that leave the workflow folder', () => {
      const dir = mkdtempSync(join(tmpdir(), 'qcycle-determinism-'));
      try {
        const root = join(dir, 'workflows');
        mkdirSync(root);
        writeFileSync(join(root, 'index.ts'), "export * from './helper';\n");
        writeFileSync(
          join(root, 'helper.ts'),
          "export { x } from '../outside';\nexport * from './missing';\n",
        );
        writeFileSync(join(dir, 'outside.ts'), 'export const x = 1;\n');
        expect(determinismViolations([join(root, 'index.ts')], root)).toEqual([
          expect.stringMatching(/helper\.ts:1: export '\.\.\/outside' leaves /),
          expect.stringMatching(/helper\.ts:2: export '\.\/missing' does not resolve/),
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
