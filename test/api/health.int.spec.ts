import { Logger } from '@nestjs/common';
import { closedPort, eventually } from '@qcycle/testing';
import { startApiSuite, type ApiSuite } from './support/api-suite';

/**
 * `/health` and `/health/worker` are public (a probe has no token): they say which part is up or
 * down and nothing of the installation — not Temporal's address, namespace or task queue, not an
 * error quoting them. That detail is in the API's log. Real API and worker, PostgreSQL, the Temporal
 * dev server; and a second API whose Temporal is unreachable.
 */
describe('health answers without naming the installation (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
  });

  afterAll(() => suite?.close());

  /** Fetched raw, so the test reads every byte a caller without a token gets. */
  async function probe(baseUrl: string, path: string): Promise<{ status: number; text: string }> {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, text: await response.text() };
  }

  it('answers up per component, with no Temporal address, namespace or task queue', async () => {
    const { address, namespace, taskQueue } = suite.config.temporal;
    const health = await probe(suite.http.baseUrl, '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' }, temporal: { status: 'up' } },
    });

    // The worker started with the suite: its first poll may lag.
    const worker = await eventually('a worker polling the suite’s task queue', async () => {
      const answer = await probe(suite.http.baseUrl, '/health/worker');
      return answer.status === 200 ? answer : undefined;
    });
    expect(JSON.parse(worker.text)).toMatchObject({ info: { worker: { status: 'up', workers: 1 } } });

    for (const text of [health.text, worker.text])
      for (const internal of [address, namespace, taskQueue]) expect(text).not.toContain(internal);
  });

  it('answers down with 503 naming the component, and logs where Temporal was looked for', async () => {
    const unreachable = `127.0.0.1:${await closedPort()}`;
    const namespace = 'qcycle-health-private-namespace';
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    try {
      const { http } = await suite.startAnotherApi({ temporal: { address: unreachable, namespace } });
      const health = await probe(http.baseUrl, '/health');
      expect(health.status).toBe(503);
      expect(JSON.parse(health.text)).toMatchObject({
        statusCode: 503,
        code: 'WORKFLOW_UNAVAILABLE',
        details: { database: { status: 'up' }, temporal: { status: 'down' } },
      });
      const worker = await probe(http.baseUrl, '/health/worker');
      expect(worker.status).toBe(503);
      expect(JSON.parse(worker.text)).toMatchObject({ details: { worker: { status: 'down' } } });

      for (const text of [health.text, worker.text]) {
        expect(text).not.toContain(unreachable);
        expect(text).not.toContain(namespace);
        expect(text).not.toContain(suite.config.temporal.taskQueue);
      }
      const logged = warnings.mock.calls.map(([message]) => String(message));
      expect(logged).toContainEqual(
        expect.stringContaining(`Temporal at ${unreachable} (namespace ${namespace})`),
      );
    } finally {
      warnings.mockRestore();
    }
  });
});
