import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiTypesFromOpenApi, openApiDocument } from './support/openapi-document';

// The web app's API types (apps/web/src/api/schema.d.ts) are generated from the API's own OpenAPI
// document. A route or DTO change without regenerating them fails here, not in a user's browser.
// Regenerate with: npm run api-types
const schemaFile = join(__dirname, '../../apps/web/src/api/schema.d.ts');

describe("the web app's API types", () => {
  it('match the OpenAPI document the API serves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qcycle-openapi-'));
    try {
      const generated = apiTypesFromOpenApi(await openApiDocument(join(dir, 'qcycle.sqlite')), dir);
      if (process.env.QCYCLE_WRITE_API_TYPES === 'true') writeFileSync(schemaFile, generated);
      expect(readFileSync(schemaFile, 'utf8')).toBe(generated);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
