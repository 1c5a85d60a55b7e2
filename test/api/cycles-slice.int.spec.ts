import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { QcycleConfig } from '@qcycle/config';
import { createTestDatabase, testConfig, uniqueSuffix, type TestDatabase } from '@qcycle/testing';
import { migrate, startApiApp, startWorkerApp } from '../support/apps';

describe('cycles over HTTP (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let database: TestDatabase;
  let config: QcycleConfig;
  let api: INestApplication;
  let worker: INestApplicationContext;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    config = testConfig(database.config);
    await migrate(config);
    worker = await startWorkerApp(config);
    ({ app: api, baseUrl } = await startApiApp(config));
  });

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await database?.drop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('reports the database and Temporal as up', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, temporal: { status: 'up' } } });
  });

  it('starts a cycle once, refuses the same year again with 409 naming it, and reads it back', async () => {
    const organisationCode = `org-${uniqueSuffix()}`;
    const cycleId = `${organisationCode}-2027`;

    const started = await post('/api/v1/cycles', { organisationCode, year: 2027 });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ id: cycleId, workflowId: `quality-cycle/${organisationCode}/2027`, live: { executionStatus: 'RUNNING' } });

    const again = await post('/api/v1/cycles', { organisationCode, year: 2027 });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'CYCLE_ALREADY_STARTED', details: { cycleId } });

    // The worker records the cycle asynchronously; read until the record is there.
    let view: Record<string, unknown> = {};
    for (let attempt = 0; attempt < 100 && !view.startedAt; attempt++) {
      const response = await fetch(`${baseUrl}/api/v1/cycles/${cycleId}`);
      expect(response.status).toBe(200);
      view = (await response.json()) as Record<string, unknown>;
      if (!view.startedAt) await new Promise((r) => setTimeout(r, 100));
    }
    expect(view).toMatchObject({
      id: cycleId,
      organisationCode,
      year: 2027,
      status: 'running',
      phase: 'objectives-approval',
      live: { executionStatus: 'RUNNING', status: 'running', phase: 'objectives-approval' },
    });
  });

  it('answers 404 for a cycle that does not exist', async () => {
    const response = await fetch(`${baseUrl}/api/v1/cycles/nobody-${uniqueSuffix().replace(/\d/g, 'x')}-2024`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'CYCLE_NOT_FOUND' });
  });

  it('refuses a malformed request with 400 naming every wrong field, and starts nothing', async () => {
    const response = await post('/api/v1/cycles', { organisationCode: 'Kon Tum!', year: 'next', extra: true });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { fields: Record<string, string[]> } };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(body.details.fields).sort()).toEqual(['extra', 'organisationCode', 'year']);
  });
});
