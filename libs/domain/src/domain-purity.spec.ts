import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The domain runs inside Temporal's deterministic workflow sandbox: it may import only its own
 * files, and nothing in it may read the clock, randomness or machine locale.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Comments may explain why the clock or `Intl` is avoided; only code is checked. */
const withoutComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const files = sourceFiles(__dirname).map((path) => ({
  name: relative(__dirname, path),
  code: withoutComments(readFileSync(path, 'utf8')),
}));

describe('@qcycle/domain stays pure', () => {
  it.each(files.map((f) => [f.name, f.code]))('%s imports only relative domain files', (_name, code) => {
    const specifiers = [
      ...code.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g),
    ].map((m) => m[1]);
    expect(specifiers.filter((s) => !s.startsWith('./') && !s.startsWith('../'))).toEqual([]);
  });

  it.each(files.map((f) => [f.name, f.code]))('%s uses no clock, randomness or locale', (_name, code) => {
    expect(code).not.toMatch(
      /Date\.now\(|new Date\(\)|Math\.random|\bIntl\b|toLocale\w*\(|process\.|setTimeout|setInterval/,
    );
  });
});
