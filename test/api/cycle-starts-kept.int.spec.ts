import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { loadTemplate } from '@qcycle/domain';
import { CycleStartEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { download } from '../documents/support/document-download';
import { docxParts, wordParagraphs } from '../documents/support/document-text';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import type { DemoOrganisation } from './support/demo-organisation';
import { APPROVAL, YearOverHttp } from './support/year-over-http';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Temporal deletes a closed year's history once its namespace's retention has passed, and with it
 * the cycle's start input: the decision's wording (legal bases, scope, signer, recipients) and a
 * rehearsal's dates. qcycle keeps each cycle's start in its own database, so the decision still
 * prints afterwards. "Afterwards" is an API whose Temporal has never had the year (a second,
 * empty server): exactly what it sees once the history is gone. The real API and worker,
 * PostgreSQL, the time-skipping Temporal server; a 2024 rehearsal.
 */
describe("each cycle's start kept by qcycle, for after Temporal's retention (API, worker, PostgreSQL, time-skipping Temporal)", () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  const organisationCode = `ks-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const decisionPath = `/api/v1/cycles/${cycleId}/decision`;
  const kept = () => suite.api.get(DataSource).getRepository(CycleStartEntity).findOneBy({ cycleId });
  const paragraphsOf = (docx: Buffer) => wordParagraphs(docxParts(docx).read('word/document.xml'));

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
  });

  afterAll(() => suite?.close());

  it('keeps the start as the API starts the cycle: the draft, the rehearsal, the moment', async () => {
    await year.start(organisationCode);
    const start = await kept();
    expect(start).toMatchObject({ organisationCode, year: 2024 });
    expect(start?.input).toMatchObject({
      rehearsal: true,
      draft: { year: 2024, legalBases: loadTemplate('kontum-2024').legalBases },
    });
    const history = await env.client.workflow.getHandle(`quality-cycle/${organisationCode}/2024`).describe();
    expect(start?.startedAt).toBe(history.startTime.toISOString());
    await year.approve({ ...APPROVAL, documentNumber: '45/QĐ-UBND' });
  });

  it("prints the decision from qcycle's own record once Temporal no longer has the year's history", async () => {
    const elsewhere = await startTimeSkippingEnvironment();
    let afterRetention: Buffer;
    try {
      const { http } = await suite.startAnotherApi({ temporal: { address: elsewhere.address } });
      const answer = await download(http, org, 'qmr', decisionPath, DOCX);
      expect(answer.status).toBe(200);
      afterRetention = answer.bytes;
    } finally {
      await elsewhere.teardown();
    }
    const paragraphs = paragraphsOf(afterRetention);
    expect(paragraphs).toEqual(expect.arrayContaining([expect.stringContaining('45/QĐ-UBND')]));
    for (const basis of loadTemplate('kontum-2024').legalBases)
      expect(paragraphs.join('\n')).toContain(basis.slice(0, 60));
    // The same decision as the API that still reads Temporal prints, rehearsal dates included.
    const whileKept = await download(suite.http, org, 'qmr', decisionPath, DOCX);
    expect(whileKept.status).toBe(200);
    expect(paragraphs).toEqual(paragraphsOf(whileKept.bytes));
  });

  it('keeps, as an API starts, the start of a cycle recorded before qcycle kept starts', async () => {
    const before = await kept();
    await suite.api.get(DataSource).getRepository(CycleStartEntity).delete({ cycleId });
    await suite.startAnotherApi();
    const again = await year.eventually('the start kept again', async () => (await kept()) ?? undefined);
    expect(again.input).toEqual(before?.input);
    expect(again.startedAt).toBe(before?.startedAt);
  });
});
