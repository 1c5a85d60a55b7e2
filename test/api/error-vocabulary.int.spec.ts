import {
  buildStartInput,
  errorMessage,
  QUALITY_CYCLE_WORKFLOW,
  qualityCycleWorkflowId,
  QcycleErrorCode,
  type ErrorLanguage,
} from '@qcycle/contracts';
import { uniqueSuffix } from '@qcycle/testing';
import { HTTP_STATUS_OF_ERROR } from '../../apps/api/src/common/error-status';
import { DirectoryRosterService } from '../../apps/api/src/cycles/directory-roster.service';
import { TemporalClientProvider } from '../../apps/api/src/temporal/temporal-client.module';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { taskPath, type DemoOrganisation, type TaskSummary } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';

interface ErrorAnswer {
  statusCode: number;
  code: QcycleErrorCode;
  message: string;
  requestId: string;
  details?: {
    problems?: { path: string; code: string; reason: string }[];
    fields?: Record<string, string[]>;
  };
}

/**
 * One error vocabulary over the real stack (API, worker, Temporal dev server, PostgreSQL): a refusal
 * keeps its code and status whoever raised it (the validation pipe, a guard, a service, a workflow's
 * Update validator), and its message is in the caller's language — Accept-Language, else the user's
 * locale, else Vietnamese.
 */
describe('one error vocabulary in the caller’s language (real API, worker, Temporal dev server, PostgreSQL)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  let org: DemoOrganisation;
  const organisationCode = `ev-${uniqueSuffix()}`;
  const year = 2027;
  let approvalTask: TaskSummary;

  beforeAll(async () => {
    suite = await startApiSuite({ worker: true });
    http = suite.http;
    org = await suite.seedDemoOrganisation(organisationCode);
    const roster = await suite.api.get(DirectoryRosterService).rosterFor(organisationCode);
    await suite.api.get(TemporalClientProvider).client.workflow.start(QUALITY_CYCLE_WORKFLOW, {
      taskQueue: suite.config.temporal.taskQueue,
      workflowId: qualityCycleWorkflowId(organisationCode, year),
      args: [
        buildStartInput({ organisationCode, year, startedBy: roster.qualityRepresentative.userId, roster }),
      ],
    });
    approvalTask = await org.waitForTask('leader', 'objectives-approval');
  });

  afterAll(async () => {
    await suite?.close({ endCycles: [{ organisationCode, year }] });
  });

  const refusedAnswer = async (language?: string) =>
    http.call<ErrorAnswer>('POST', taskPath(approvalTask.id, '/complete'), {
      token: await org.tokenOf('leader'),
      headers: language ? { 'accept-language': language } : {},
      body: { outcome: { decision: 'approve', documentNumber: 'one hundred' } },
    });

  const VI_REASON = 'Số quyết định phải có dạng 123/QĐ-UBND.';
  const EN_REASON = 'The decision number must be written like 123/QĐ-UBND.';

  it("gives a workflow's refusal the same code, status and problems, their reasons in Vietnamese or in English", async () => {
    const vi = await refusedAnswer('vi');
    const en = await refusedAnswer('en-GB,en;q=0.9');

    for (const answer of [vi, en]) {
      expect(answer.status).toBe(422);
      expect(answer.body.statusCode).toBe(422);
      expect(answer.body.code).toBe(QcycleErrorCode.OutcomeRefused);
      expect(answer.body.details?.problems?.map((p) => p.path)).toEqual(['documentNumber']);
    }
    // The problems' reasons in the caller's language too; the rest of the details the same.
    expect(vi.body.details?.problems).toEqual([
      { path: 'documentNumber', code: 'invalid-format', reason: VI_REASON },
    ]);
    expect(en.body.details?.problems).toEqual([
      { path: 'documentNumber', code: 'invalid-format', reason: EN_REASON },
    ]);
    expect({ ...vi.body.details, problems: [] }).toEqual({ ...en.body.details, problems: [] });
    expect(vi.body.message).toBe('Câu trả lời cho việc bị từ chối: documentNumber');
    expect(en.body.message).toBe('The answer to the task is refused: documentNumber');
    expect([vi.headers.get('content-language'), en.headers.get('content-language')]).toEqual(['vi', 'en']);
  });

  it("answers in the user's locale without Accept-Language, Vietnamese by default, and Accept-Language wins", async () => {
    const byDefault = await refusedAnswer();
    expect(byDefault.body.message).toBe(
      errorMessage(QcycleErrorCode.OutcomeRefused, 'default', { fields: 'documentNumber' }, 'vi'),
    );
    expect(byDefault.body.details?.problems?.map((p) => p.reason)).toEqual([VI_REASON]);
    const chooseEnglish = await http.call('PATCH', '/api/v1/auth/me', {
      token: await org.tokenOf('leader'),
      body: { locale: 'en' },
    });
    expect(chooseEnglish.status).toBe(200);
    try {
      const inLocale = await refusedAnswer();
      expect(inLocale.body.message).toBe('The answer to the task is refused: documentNumber');
      expect(inLocale.body.details?.problems?.map((p) => p.reason)).toEqual([EN_REASON]);
      const inVietnamese = await refusedAnswer('vi-VN');
      expect(inVietnamese.body.message).toBe('Câu trả lời cho việc bị từ chối: documentNumber');
      expect(inVietnamese.body.details?.problems?.map((p) => p.reason)).toEqual([VI_REASON]);
      // A language qcycle does not speak is passed over for the next one, then for the locale.
      expect((await refusedAnswer('fr, vi;q=0.5')).body.message).toMatch(/^Câu trả lời/);
      expect((await refusedAnswer('fr')).body.message).toMatch(/^The answer/);
    } finally {
      await http.call('PATCH', '/api/v1/auth/me', {
        token: await org.tokenOf('leader'),
        body: { locale: 'vi' },
      });
    }
  });

  it('maps each code to its one status, whoever raised it, with the message of the code in either language', async () => {
    const leader = await org.tokenOf('leader');
    const admin = await org.tokenOf('admin');
    const staff = await org.tokenOf('staff.tthc');
    const refusals: {
      what: string;
      send: (headers: Record<string, string>) => Promise<{ status: number; body: ErrorAnswer }>;
      code: QcycleErrorCode;
      status: number;
      message?: { vi: string; en: string };
    }[] = [
      {
        what: 'a malformed body (validation pipe)',
        send: (headers) =>
          http.call<ErrorAnswer>('POST', taskPath(approvalTask.id, '/complete'), {
            token: leader,
            headers,
            body: { outcome: 'yes', extra: 1 },
          }),
        code: QcycleErrorCode.ValidationFailed,
        status: 400,
        message: { vi: 'Yêu cầu không hợp lệ: extra, outcome', en: 'Invalid request: extra, outcome' },
      },
      {
        what: 'no bearer token (guard)',
        send: (headers) => http.call<ErrorAnswer>('GET', '/api/v1/me/tasks', { headers }),
        code: QcycleErrorCode.Unauthenticated,
        status: 401,
      },
      {
        what: 'a role the caller lacks (guard)',
        send: (headers) =>
          http.call<ErrorAnswer>('POST', '/api/v1/units', {
            token: staff,
            headers,
            body: { code: 'vp-x', name: { vi: 'x', en: 'x' } },
          }),
        code: QcycleErrorCode.Forbidden,
        status: 403,
        message: {
          vi: 'Việc này cần một trong các vai trò admin; bạn có staff',
          en: 'This needs one of the roles admin; you have staff',
        },
      },
      {
        what: 'an unknown task (service)',
        send: (headers) =>
          http.call<ErrorAnswer>('GET', taskPath(`${approvalTask.id}-nope`), { token: leader, headers }),
        code: QcycleErrorCode.NotFound,
        status: 404,
        message: {
          vi: `Không tìm thấy việc ${approvalTask.id}-nope trong tổ chức của bạn`,
          en: `Task ${approvalTask.id}-nope not found in your organisation`,
        },
      },
      {
        what: 'an unknown route (Nest)',
        send: (headers) => http.call<ErrorAnswer>('GET', '/api/v1/no-such-thing', { token: leader, headers }),
        code: QcycleErrorCode.NotFound,
        status: 404,
      },
      {
        what: 'a route that exists, with a method it does not take (Nest)',
        send: (headers) => http.call<ErrorAnswer>('DELETE', '/api/v1/me/tasks', { token: leader, headers }),
        code: QcycleErrorCode.MethodNotAllowed,
        status: 405,
        message: { vi: 'Đường dẫn này không nhận phương thức DELETE', en: 'This route does not take DELETE' },
      },
      {
        what: 'a unit that exists already (directory)',
        send: (headers) =>
          http.call<ErrorAnswer>('POST', '/api/v1/units', {
            token: admin,
            headers,
            body: { code: 'vp-tonghop', name: { vi: 'Trùng', en: 'Twice' } },
          }),
        code: QcycleErrorCode.Conflict,
        status: 409,
        message: { vi: 'Đơn vị vp-tonghop đã tồn tại', en: 'Unit vp-tonghop already exists' },
      },
      {
        what: 'a cursor this list did not issue (pagination)',
        send: (headers) =>
          http.call<ErrorAnswer>('GET', `/api/v1/me/tasks?after=${'A'.repeat(12)}`, {
            token: leader,
            headers,
          }),
        code: QcycleErrorCode.RuleViolated,
        status: 422,
      },
      {
        what: 'a body that is not JSON (body parser)',
        send: (headers) =>
          http.call<ErrorAnswer>('POST', '/api/v1/units', { token: admin, headers, rawBody: '{"code": ' }),
        code: QcycleErrorCode.ValidationFailed,
        status: 400,
        message: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ', en: 'The request body is not valid JSON' },
      },
    ];
    for (const refusal of refusals) {
      const answers: Partial<Record<ErrorLanguage, ErrorAnswer>> = {};
      for (const language of ['vi', 'en'] as const) {
        const answer = await refusal.send({ 'accept-language': language });
        expect({ what: refusal.what, status: answer.status, code: answer.body.code }).toEqual({
          what: refusal.what,
          status: refusal.status,
          code: refusal.code,
        });
        expect(HTTP_STATUS_OF_ERROR[answer.body.code]).toBe(answer.status);
        expect(answer.body.statusCode).toBe(answer.status);
        expect(answer.body.requestId).toEqual(expect.any(String));
        answers[language] = answer.body;
      }
      expect(answers.vi!.message).not.toBe(answers.en!.message);
      expect(answers.vi!.details).toEqual(answers.en!.details);
      if (refusal.message)
        expect({ vi: answers.vi!.message, en: answers.en!.message }).toEqual(refusal.message);
    }
  });
});
