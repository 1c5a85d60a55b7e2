import { createHash } from 'node:crypto';
import { uniqueSuffix } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { decoded, rawRequest, varied, type RawAnswer } from './support/raw-http';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** What Chromium, Firefox and Safari send. */
const BROWSER = 'gzip, deflate, br, zstd';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The API's answers as a phone on a 3G link receives them (docs/web.md, "Compressed on the wire"):
 * JSON of a kilobyte or more brotli- or gzip-compressed, by what the client accepts, decoding to
 * the very answer an identity client gets, with Content-Length, ETag, 304 and HEAD true of the bytes
 * sent; small JSON and files as they are — an official document byte for byte under its
 * x-content-sha256, whatever the client accepts. Raw HTTP (node:http), so that nothing decodes
 * for the test. A 2024 rehearsal approved by its leader: the real API and worker, SQLite.
 */
describe('compressed JSON, files as they are (real API and worker, SQLite)', () => {
  let suite: ApiSuite;
  let org: DemoOrganisation;
  const organisationCode = `cz-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;

  beforeAll(async () => {
    suite = await startApiSuite({ database: 'sqlite', worker: true });
    org = await suite.seedDemoOrganisation(organisationCode);
    await org.startApprovedRehearsal({ documentNumber: '12/QĐ-UBND', signingDate: '2024-01-08' });
  });

  afterAll(() => suite?.close());

  const get = async (path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    rawRequest(
      `${suite.http.baseUrl}${path}`,
      {
        authorization: `Bearer ${await org.tokenOf('qmr')}`,
        ...headers,
      },
      method,
    );
  const objectives = `/api/v1/cycles/${cycleId}/objectives`;

  it("sends a cycle's objectives brotli-compressed to a browser, gzip to a gzip-only client, as they are to one that accepts neither", async () => {
    const plain = await get(objectives);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(4096);
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);

    for (const [accepted, encoding] of [
      [BROWSER, 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
    ] as const) {
      const answer = await get(objectives, { 'accept-encoding': accepted });
      expect({ accepted, status: answer.status, encoding: answer.headers['content-encoding'] }).toEqual({
        accepted,
        status: 200,
        encoding,
      });
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.body.length).toBeLessThan(plain.body.length / 3);
      expect(decoded(answer).equals(plain.body)).toBe(true);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(varied(answer)).toContain('accept-encoding');
    }
    // Refusing every coding, or naming none qcycle has: the JSON as it is, saying it could differ.
    for (const accepted of ['identity', 'br;q=0, gzip;q=0', 'zstd']) {
      const answer = await get(objectives, { 'accept-encoding': accepted });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.equals(plain.body)).toBe(true);
      expect(varied(answer)).toContain('accept-encoding');
    }
  });

  it('answers a HEAD with the headers of the compressed GET, and a 304 to the ETag of what the client has', async () => {
    const full = await get(objectives, { 'accept-encoding': BROWSER });
    const head = await get(objectives, { 'accept-encoding': BROWSER }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(full.body.length));
    expect(head.headers.etag).toBe(full.headers.etag);

    // One ETag per encoding (HTTP's rule for a transformed body); each revalidates its own.
    const plain = await get(objectives);
    expect(full.headers.etag).toBeDefined();
    expect(full.headers.etag).not.toBe(plain.headers.etag);
    const again = await get(objectives, {
      'accept-encoding': BROWSER,
      'if-none-match': String(full.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(objectives, { 'if-none-match': String(plain.headers.etag) })).status).toBe(304);
  });

  it('leaves a small JSON answer as it is: compressing it would save less than its headers weigh', async () => {
    const providers = await rawRequest(`${suite.http.baseUrl}/api/v1/auth/providers`, {
      'accept-encoding': BROWSER,
    });
    expect(providers.status).toBe(200);
    expect(providers.body.length).toBeLessThan(1024);
    expect(providers.headers['content-encoding']).toBeUndefined();
  });

  it('sends the decision as DOCX byte for byte, under its x-content-sha256, to a browser as to any client; its JSON compressed', async () => {
    const path = `/api/v1/cycles/${cycleId}/decision`;
    let answers: RawAnswer[] = [];
    for (let attempt = 0; attempt < 100; attempt++) {
      // The approval's records are written by the worker's activity just after the answer.
      answers = await Promise.all(
        [BROWSER, 'gzip', 'identity'].map((accepted) =>
          get(path, { accept: DOCX, 'accept-encoding': accepted }),
        ),
      );
      if (answers.every((a) => a.status === 200)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const docx of answers) {
      expect(docx.status).toBe(200);
      expect(docx.headers['content-type']).toBe(DOCX);
      expect(docx.headers['content-encoding']).toBeUndefined();
      expect(Number(docx.headers['content-length'])).toBe(docx.body.length);
      expect(sha256(docx.body)).toBe(docx.headers['x-content-sha256']);
      expect(docx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    expect(new Set(answers.map((a) => sha256(a.body))).size).toBe(1);

    const json = await get(path, { accept: 'application/json', 'accept-encoding': BROWSER });
    expect(json.status).toBe(200);
    expect(json.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(json).toString('utf8'))).toMatchObject({ documentNumber: '12/QĐ-UBND' });
  });
});
