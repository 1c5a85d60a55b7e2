import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { KONTUM_2024_TEMPLATE, type CycleDraft, type Indicator } from '@qcycle/domain';
import { startTimeSkippingEnvironment, uniqueSuffix } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../api/support/api-suite';
import type { DemoOrganisation, TaskSummary } from '../api/support/demo-organisation';
import { YearOverHttp } from '../api/support/year-over-http';
import { vi } from './support/catalogue';
import { browserSuiteConfig, BrowserSession, pagePath, type Tab } from './support/web-suite';

/**
 * A judged indicator reported in the browser (Debian's chromium, Vietnamese): an office adds to the
 * Kon Tum objectives one of its own, judged every quarter by the general division — its QMS documents
 * kept up to date with the law — and the division's head answers "Đạt" or "Không đạt" against the
 * criteria the form lists; sent without either, the question is refused by its field and nothing is
 * recorded; answered, the measurement holds it. (Objective 1's own judgement is the leader's, at the
 * review: the engine does not ask it of a unit.) The API serves the built web app; worker, PostgreSQL
 * and the time-skipping Temporal server, a 2024 rehearsal from 3 June set up over HTTP by its people
 * (YearOverHttp), so that the first quarter's report is open at once.
 */
describe('a judged indicator reported in the browser (chromium; API, worker, PostgreSQL, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let org: DemoOrganisation;
  let year: YearOverHttp;
  let browser: BrowserSession;
  let report: TaskSummary;
  let head: Tab;
  const organisationCode = `jr-${uniqueSuffix()}`;
  const cycleId = `${organisationCode}-2024`;
  const judged: Extract<Indicator, { kind: 'judged' }> = {
    id: 'obj-6-documents-current',
    kind: 'judged',
    label: {
      vi: 'Tài liệu của Hệ thống quản lý chất lượng được cập nhật kịp thời',
      en: 'QMS documents kept up to date',
    },
    criteria: [
      {
        vi: 'Đã rà soát các văn bản quy phạm pháp luật mới ban hành trong quý',
        en: 'The laws and regulations issued in the quarter reviewed',
      },
      {
        vi: 'Các quy trình chịu ảnh hưởng đã được sửa đổi, ban hành lại',
        en: 'The procedures they affect amended and issued again',
      },
    ],
  };
  const obj2 = KONTUM_2024_TEMPLATE.objectives.find((o) => o.id === 'obj-2')!;
  /** The Kon Tum draft and an objective of the office's own, judged every quarter by the general division. */
  const withOwnObjective: CycleDraft = {
    ...KONTUM_2024_TEMPLATE,
    objectives: [
      ...KONTUM_2024_TEMPLATE.objectives,
      {
        ...obj2,
        id: 'obj-6',
        number: 6,
        title: {
          vi: 'Tài liệu của Hệ thống quản lý chất lượng được cập nhật kịp thời khi văn bản pháp luật thay đổi.',
          en: 'The QMS documents are kept up to date as the law changes.',
        },
        indicators: [judged],
        frequency: 'quarterly',
        ownerUnitCode: 'vp-tonghop',
      },
    ],
  };

  beforeAll(async () => {
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({ worker: true, temporal: env, config: browserSuiteConfig() });
    org = await suite.seedDemoOrganisation(organisationCode);
    year = new YearOverHttp(org, env);
    await year.start(organisationCode, '2024-06-03', withOwnObjective);
    await year.approve();
    await year.assignAsProposed();
    await year.acceptUnits();
    report = await year.taskOf(
      'head.tonghop',
      'measurement-report',
      0,
      (t) => t.objectiveId === 'obj-6' && t.periodKey === '2024-Q1',
    );
    browser = await BrowserSession.start(suite.http.baseUrl);
    head = await browser.tabOf(org.email('head.tonghop'), DEMO_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
  });

  const question = () =>
    head.page.getByRole('group', { name: vi('tasks:figure.achievedQuestion'), exact: false });
  const measurements = async () =>
    (
      await org.as<{ items: { periodKey: string; indicatorId: string; achieved?: boolean | null }[] }>(
        'qmr',
        'GET',
        `/api/v1/cycles/${cycleId}/measurements?objectiveId=obj-6`,
      )
    ).body.items;

  it('asks whether the objective was achieved, with the criteria it is judged against', async () => {
    await head.open(pagePath(report.id));
    await head.page.getByRole('heading', { name: vi('tasks:formTitle.measurement-report') }).waitFor();
    await question().waitFor();
    for (const criterion of judged.criteria ?? []) await question().getByText(criterion.vi).waitFor();
    // Neither answer is chosen for them.
    for (const answer of ['tasks:figure.achievedYes', 'tasks:figure.achievedNo'])
      await expect(
        question()
          .getByRole('radio', { name: vi(answer), exact: true })
          .isChecked(),
      ).resolves.toBe(false);
    // Nothing judged yet: no verdict under the question.
    await expect(head.page.getByTestId(`verdict-${judged.id}`).count()).resolves.toBe(0);
    await head.check("the division's quarterly judgement", { screenshot: 'task-measurement-report.judged' });
  });

  it('refuses the report without an answer, by the question, and records nothing', async () => {
    await head.page
      .getByLabel(vi('tasks:measurement.evidenceItem', { number: 1 }))
      .fill('Danh mục văn bản quy phạm pháp luật ban hành quý I');
    const answer = await head.answerTo(() =>
      head.page.getByRole('button', { name: vi('tasks:measurement.submit') }).click(),
    );
    expect(answer.status).toBe(422);
    expect(answer.problems.map((p) => p.path)).toEqual([`figures[${judged.id}].achieved`]);
    await head.page.locator('#task-refusal:focus').waitFor();
    // The question itself says what is missing.
    await question().locator('.field-error').first().waitFor();
    await head.check('the judgement refused without an answer');
    expect(await measurements()).toEqual([]);
  });

  it('records the judgement answered: achieved', async () => {
    await question()
      .getByRole('radio', { name: vi('tasks:figure.achievedYes'), exact: true })
      .check();
    await head.page.getByTestId(`verdict-${judged.id}`).getByText(vi('tasks:figure.met')).waitFor();
    const answer = await head.answerTo(() =>
      head.page.getByRole('button', { name: vi('tasks:measurement.submit') }).click(),
    );
    expect(answer.status).toBe(200);
    await head.page
      .getByRole('status')
      .filter({ hasText: vi('tasks:page.submitted') })
      .waitFor();
    const recorded = await year.eventually('the judgement recorded', async () => {
      const rows = await measurements();
      return rows.length > 0 ? rows : undefined;
    });
    expect(recorded).toEqual([
      expect.objectContaining({ periodKey: '2024-Q1', indicatorId: judged.id, achieved: true }),
    ]);
  });
});
