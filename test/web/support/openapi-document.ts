import type { OpenAPIObject } from '@nestjs/swagger';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testConfig } from '@qcycle/testing';
import { createApiApp } from '../../../apps/api/src/api-app';

/** The OpenAPI document exactly as the API serves it at /api/docs-json (SQLite file, no seeding). */
export async function openApiDocument(sqlitePath: string): Promise<OpenAPIObject> {
  const config = testConfig({ type: 'sqlite', path: sqlitePath, url: sqlitePath });
  const app = await createApiApp(config, { logger: false });
  try {
    const server = await app.listen(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
    return (await response.json()) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

/**
 * The TypeScript types openapi-typescript makes of it: what apps/web/src/api/schema.d.ts holds. Its
 * CLI runs in a child process because the package's dependencies are ESM, which Jest cannot load.
 */
export function apiTypesFromOpenApi(document: OpenAPIObject, workDir: string): string {
  const input = join(workDir, 'openapi.json');
  const output = join(workDir, 'schema.d.ts');
  writeFileSync(input, JSON.stringify(document));
  const cli = join(__dirname, '../../../node_modules/openapi-typescript/bin/cli.js');
  execFileSync(process.execPath, [cli, input, '--output', output, '--alphabetize'], { stdio: 'pipe' });
  return (
    "// Generated from the API's OpenAPI document by test/web/api-types.int.spec.ts; do not edit.\n" +
    '// Regenerate: npm run api-types\n' +
    readFileSync(output, 'utf8')
  );
}
