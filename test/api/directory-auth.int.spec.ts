import { generateKeyPair, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { uniqueSuffix } from '@qcycle/testing';
import { AuthController } from '../../apps/api/src/auth/auth.controller';
import { CalendarsController } from '../../apps/api/src/calendars/calendars.controller';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import { LOCAL_TOKEN_AUDIENCE } from '../../apps/api/src/auth/token.service';
import { AuditActionsController } from '../../apps/api/src/cycles/audit-actions.controller';
import { MeasurementCorrectionsController } from '../../apps/api/src/cycles/measurement-corrections.controller';
import { NextYearController } from '../../apps/api/src/cycles/next-year.controller';
import { TaskHandoversController } from '../../apps/api/src/cycles/task-handovers.controller';
import { TaskUrgesController } from '../../apps/api/src/cycles/task-urges.controller';
import { RosterController } from '../../apps/api/src/cycles/roster.controller';
import { NonconformitiesController } from '../../apps/api/src/cycles/nonconformities.controller';
import { NonconformityReportsController } from '../../apps/api/src/documents/nonconformity-reports.controller';
import { CycleDocumentsController } from '../../apps/api/src/cycles/cycle-documents.controller';
import { CycleYearReportsController } from '../../apps/api/src/cycles/cycle-year-reports.controller';
import { CyclesController } from '../../apps/api/src/cycles/cycles.controller';
import { CyclePlanController, DocumentsController } from '../../apps/api/src/documents/documents.controller';
import { DocumentDispatchController } from '../../apps/api/src/documents/document-dispatch.controller';
import { TemplatesController } from '../../apps/api/src/cycles/templates.controller';
import { DecisionDraftController } from '../../apps/api/src/cycles/decision-draft.controller';
import { TasksController } from '../../apps/api/src/tasks/tasks.controller';
import {
  DEMO_LOGINS_MARKER,
  DEMO_PASSWORD,
  DEMO_USERS,
  seedDemoDirectory,
} from '../../apps/api/src/demo/demo-directory';
import { OrganisationsController } from '../../apps/api/src/directory/organisations.controller';
import { UnitsController } from '../../apps/api/src/directory/units.controller';
import { UsersController } from '../../apps/api/src/directory/users.controller';
import { UserWorkbookController } from '../../apps/api/src/directory/user-workbook.controller';
import { PeopleController } from '../../apps/api/src/directory/people.controller';
import { DirectoryEventsController } from '../../apps/api/src/directory/directory-events.controller';
import { EvidenceController } from '../../apps/api/src/evidence/evidence.controller';
import { DossierController } from '../../apps/api/src/dossier/dossier.controller';
import { OutgoingRegisterController } from '../../apps/api/src/documents/outgoing-register.controller';
import { HealthController } from '../../apps/api/src/health/health.controller';
import { PasswordsController } from '../../apps/api/src/auth/passwords.controller';
import { NotificationsController } from '../../apps/api/src/notifications/notifications.controller';
import { CalendarFeedsController } from '../../apps/api/src/calendar-feeds/calendar-feeds.controller';
import { startApiSuite, type ApiSuite } from './support/api-suite';
import { DemoOrganisation, signIn, type Session } from './support/demo-organisation';
import type { HttpRecorder } from './support/http-recorder';
import { LocalOidcProvider } from './support/local-oidc-provider';
import { documentedCodes, expressRoutes, routeFacts, undocumentedAnswers } from './support/openapi-coverage';

/**
 * What each route can answer: the success code, what its service can refuse (404/409/422), and what
 * the guards and pipes add (401 unless public, 403 with @Roles, 400 with a validated DTO, 429 on
 * writes and login), and 503 where a document is printed (no chromium on the server). The last test cross-checks this table against the decorators, the OpenAPI
 * document and every status this suite actually received.
 */
const CAN_RETURN: Record<string, number[]> = {
  'GET /health': [200, 503],
  'GET /health/worker': [200, 503],
  'POST /api/v1/auth/login': [200, 400, 401, 403, 429],
  'GET /api/v1/auth/me': [200, 401, 403],
  'PATCH /api/v1/auth/me': [200, 400, 401, 403, 429],
  'GET /api/v1/auth/providers': [200, 503],
  'POST /api/v1/auth/oidc/exchange': [200, 400, 401, 403, 429, 503],
  'POST /api/v1/auth/logout': [204, 401, 403, 429],
  'POST /api/v1/auth/password-reset': [202, 400, 403, 429, 503],
  'POST /api/v1/auth/password-reset/complete': [200, 400, 403, 409, 422, 429],
  'POST /api/v1/auth/me/password': [200, 400, 401, 403, 422, 429],
  'GET /api/v1/me/notifications': [200, 400, 401, 403],
  'POST /api/v1/me/notifications/read-all': [200, 401, 403, 429],
  'POST /api/v1/me/notifications/{notificationId}/read': [200, 401, 403, 404, 429],
  'GET /api/v1/me/notifications/{notificationId}/calendar': [200, 401, 403, 404],
  'GET /api/v1/me/calendar-feed': [200, 401, 403],
  'POST /api/v1/me/calendar-feed': [201, 401, 403, 429],
  'DELETE /api/v1/me/calendar-feed': [204, 401, 403, 429],
  'GET /api/v1/calendar-feeds/{token}/deadlines.ics': [200, 404, 503],
  'GET /api/v1/organisations': [200, 400, 401, 403],
  'GET /api/v1/organisations/{code}': [200, 401, 403, 404],
  'POST /api/v1/organisations': [201, 400, 401, 403, 409, 429],
  'PATCH /api/v1/organisations/{code}': [200, 400, 401, 403, 404, 409, 429],
  'GET /api/v1/units': [200, 400, 401, 403],
  'GET /api/v1/units/{code}': [200, 401, 403, 404],
  'POST /api/v1/units': [201, 400, 401, 403, 409, 422, 429],
  'PATCH /api/v1/units/{code}': [200, 400, 401, 403, 404, 409, 422, 429],
  'DELETE /api/v1/units/{code}': [204, 401, 403, 404, 409, 429],
  'GET /api/v1/users': [200, 400, 401, 403],
  'GET /api/v1/people': [200, 401, 403],
  'GET /api/v1/roster': [200, 401, 403],
  'GET /api/v1/users/{id}': [200, 401, 403, 404],
  'POST /api/v1/users': [201, 400, 401, 403, 409, 422, 429],
  'PATCH /api/v1/users/{id}': [200, 400, 401, 403, 404, 409, 422, 429],
  'POST /api/v1/users/import': [200, 400, 401, 403, 409, 413, 415, 422, 429],
  'GET /api/v1/users/import/template': [200, 400, 401, 403],
  'GET /api/v1/users/export': [200, 400, 401, 403],
  'GET /api/v1/users/{id}/roles': [200, 401, 403, 404],
  'POST /api/v1/users/{id}/roles': [201, 400, 401, 403, 404, 409, 422, 429],
  'DELETE /api/v1/users/{id}/roles/{assignmentId}': [204, 401, 403, 404, 409, 429],
  'POST /api/v1/cycles': [201, 400, 401, 403, 404, 409, 422, 429],
  'GET /api/v1/directory/events': [200, 400, 401, 403],
  'GET /api/v1/calendars/{year}': [200, 400, 401, 403, 404],
  'GET /api/v1/calendars/{year}/versions': [200, 401, 403, 404],
  'PUT /api/v1/calendars/{year}': [200, 400, 401, 403, 404, 409, 422, 429],
  'GET /api/v1/cycles': [200, 400, 401, 403],
  'GET /api/v1/cycles/{cycleId}': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/calendar': [200, 401, 403, 404, 503],
  'POST /api/v1/cycles/{cycleId}/cancel': [202, 400, 401, 403, 404, 409, 429],
  'POST /api/v1/cycles/{cycleId}/discard': [200, 400, 401, 403, 404, 409, 429],
  'POST /api/v1/cycles/{cycleId}/dates': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/cycles/{cycleId}/objectives/{objectiveId}/measurements/{periodKey}/correct': [
    200, 400, 401, 403, 404, 409, 422, 429, 503,
  ],
  'GET /api/v1/cycles/{cycleId}/events': [200, 400, 401, 403, 404, 422],
  'GET /api/v1/cycles/{cycleId}/next-year': [200, 401, 403, 404],
  'POST /api/v1/cycles/{cycleId}/next-year': [201, 400, 401, 403, 404, 409, 422, 429],
  'GET /api/v1/cycles/{cycleId}/nonconformities': [200, 401, 403, 404],
  'POST /api/v1/cycles/{cycleId}/nonconformities': [201, 400, 401, 403, 404, 409, 422, 429, 503],
  'GET /api/v1/cycles/{cycleId}/nonconformities/{nonconformityId}': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/decision': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/objectives': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/objectives/{objectiveId}': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/measurements': [200, 400, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/audit': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/audit/plan': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/audit/steps/{stepId}/nonconformity': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/plan': [200, 401, 403, 404, 503],
  'GET /api/v1/documents': [200, 400, 401, 403],
  'GET /api/v1/documents/{documentId}': [200, 401, 403, 404, 503],
  'PUT /api/v1/documents/{documentId}/dispatch': [200, 400, 401, 403, 404, 409, 422, 429],
  'GET /api/v1/cycles/{cycleId}/review': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/results': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/tasks-by-unit': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/report': [200, 401, 403, 404, 503],
  'GET /api/v1/cycles/{cycleId}/annual-qms-report': [200, 401, 403, 404, 503],
  'POST /api/v1/cycles/{cycleId}/report/issue': [200, 401, 403, 404, 429, 503],
  'POST /api/v1/cycles/{cycleId}/annual-qms-report/issue': [200, 401, 403, 404, 429, 503],
  'GET /api/v1/cycles/{cycleId}/conformity-announcement': [200, 401, 403, 404, 503],
  'POST /api/v1/cycles/{cycleId}/audit/steps/{stepId}/sign-off': [
    200, 400, 401, 403, 404, 409, 422, 429, 503,
  ],
  'POST /api/v1/cycles/{cycleId}/audit/close': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'GET /api/v1/templates': [200, 401, 403],
  'GET /api/v1/templates/{templateId}/draft': [200, 400, 401, 403, 404],
  'GET /api/v1/me/tasks': [200, 400, 401, 403, 422],
  'GET /api/v1/tasks/{taskId}': [200, 401, 403, 404],
  'GET /api/v1/tasks/{taskId}/decision-draft': [200, 401, 403, 404, 503],
  'GET /api/v1/tasks/{taskId}/plan-draft': [200, 401, 403, 404, 503],
  'POST /api/v1/tasks/{taskId}/complete': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/tasks/{taskId}/link-session': [200, 400, 401, 403, 404, 409, 429],
  'POST /api/v1/tasks/{taskId}/reassign': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/tasks/{taskId}/urge': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/tasks/{taskId}/comments': [201, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/cycles/{cycleId}/handovers': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/cycles/{cycleId}/urges': [200, 400, 401, 403, 404, 409, 422, 429, 503],
  'POST /api/v1/cycles/{cycleId}/evidence': [201, 401, 403, 404, 409, 413, 415, 422, 429],
  'POST /api/v1/cycles/{cycleId}/evidence/{evidenceId}/withdraw': [200, 400, 401, 403, 404, 409, 429],
  'POST /api/v1/cycles/{cycleId}/evidence/{evidenceId}/erase': [200, 400, 401, 403, 404, 429],
  'GET /api/v1/cycles/{cycleId}/evidence-files': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/evidence': [200, 400, 401, 403, 404],
  'GET /api/v1/evidence/accepted-files': [200, 401],
  'GET /api/v1/evidence/{id}': [200, 401, 403, 404, 410],
  'GET /api/v1/cycles/{cycleId}/dossier': [200, 401, 403, 404],
  'GET /api/v1/cycles/{cycleId}/outgoing-register': [200, 401, 403, 404],
};
const CONTROLLERS = [
  HealthController,
  AuthController,
  PasswordsController,
  OrganisationsController,
  UnitsController,
  UsersController,
  UserWorkbookController,
  PeopleController,
  DirectoryEventsController,
  CalendarsController,
  CyclesController,
  CycleDocumentsController,
  CyclePlanController,
  DocumentsController,
  DocumentDispatchController,
  CycleYearReportsController,
  AuditActionsController,
  MeasurementCorrectionsController,
  NextYearController,
  TaskHandoversController,
  TaskUrgesController,
  RosterController,
  NonconformitiesController,
  NonconformityReportsController,
  TemplatesController,
  DecisionDraftController,
  TasksController,
  NotificationsController,
  CalendarFeedsController,
  EvidenceController,
  DossierController,
  OutgoingRegisterController,
];

describe('directory, authentication and authorisation over HTTP (real API, PostgreSQL, Temporal dev server)', () => {
  let suite: ApiSuite;
  let http: HttpRecorder;
  /** The demo directory the API seeds at boot. */
  let kontum: DemoOrganisation;
  let printed = '';
  const sso = new LocalOidcProvider();

  beforeAll(async () => {
    await sso.start();
    suite = await startApiSuite({
      config: {
        seedDemoData: true,
        // The demo organisation operates this install: its administrator creates organisations.
        organisationCreators: ['kontum'],
        auth: { oidc: { issuer: sso.issuer, audience: 'qcycle', jwksUrl: sso.jwksUrl } },
        http: {
          corsOrigins: ['http://localhost:5173'],
          rateLimit: { loginPerMinute: 10, writesPerMinute: 30 },
        },
      },
      printDemoLogins: (text) => (printed = text),
    });
    http = suite.http;
    kontum = new DemoOrganisation(http);
  });

  afterAll(async () => {
    await suite?.close();
    await sso.stop();
  });

  const userIdOf = async (local: string) =>
    (await kontum.as<{ userId: string }>(local, 'GET', '/api/v1/auth/me')).body.userId;

  describe('demo directory and login', () => {
    it('seeds the Kon Tum organisation, its units and one user per role of its own people (the văn thư too), idempotently, and prints the logins', async () => {
      const marker = printed.split('\n').find((line) => line.startsWith(`${DEMO_LOGINS_MARKER} `));
      expect(marker).toBeDefined();
      const logins = JSON.parse(marker!.slice(DEMO_LOGINS_MARKER.length + 1)) as {
        password: string;
        users: { email: string; roles: string[] }[];
      };
      expect(logins.password).toBe(DEMO_PASSWORD);
      const roles = logins.users.flatMap((u) => u.roles.map((r) => r.split(':')[0]));
      expect(new Set(roles)).toEqual(
        new Set([
          'admin',
          'quality-representative',
          'leader',
          'unit-head',
          'staff',
          'auditor',
          'lead-auditor',
          'clerk',
        ]),
      );
      expect(await seedDemoDirectory(suite.api.get(DataSource), suite.api.get(PasswordHasher))).toBe(0);
    });

    it('signs every demo user in with the demo password and tells them who they are', async () => {
      for (const demo of DEMO_USERS) {
        const answer = await http.call<{
          tokenType: string;
          expiresIn: number;
          user: { fullName: string; organisationCode: string; roles: string[] };
        }>('POST', '/api/v1/auth/login', {
          body: { email: demo.email.toUpperCase(), password: DEMO_PASSWORD },
        });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          tokenType: 'Bearer',
          expiresIn: 480 * 60,
          user: { fullName: demo.fullName, organisationCode: 'kontum' },
        });
        expect(answer.body.user.roles.sort()).toEqual(demo.roles.map((r) => r.role).sort());
        kontum.remember(demo.email.split('@')[0], answer.body as unknown as Session);
      }
      const me = await http.call('GET', '/api/v1/auth/me', { token: await kontum.tokenOf('head.tthc') });
      expect(me.body).toMatchObject({
        roles: ['unit-head'],
        headOfUnits: ['vp-kiemsoat-tthc'],
        unitCode: 'vp-kiemsoat-tthc',
        authenticatedBy: 'password',
      });
      const leader = await http.call('GET', '/api/v1/auth/me', { token: await kontum.tokenOf('leader') });
      expect(leader.body).toMatchObject({ fullName: 'Nguyễn Hữu Tháp', roles: ['leader'] });
    });

    it('answers a wrong password and an unknown e-mail alike with 401', async () => {
      const wrong = await http.call('POST', '/api/v1/auth/login', {
        body: { email: kontum.email('qmr'), password: 'not-the-password' },
      });
      const unknown = await http.call('POST', '/api/v1/auth/login', {
        body: { email: kontum.email('nobody'), password: 'not-the-password' },
      });
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(wrong.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Sai thư điện tử hoặc mật khẩu' });
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('refuses a malformed login with 400 naming every wrong field, and unparseable JSON with 400 (never 500)', async () => {
      const answer = await http.call<{ code: string; details: { fields: Record<string, string[]> } }>(
        'POST',
        '/api/v1/auth/login',
        { body: { email: 'not-an-email', role: 'admin' } },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(answer.body.details.fields).sort()).toEqual(['email', 'password', 'role']);
      const garbled = await http.call('POST', '/api/v1/auth/login', { rawBody: '{"email": ' });
      expect(garbled.status).toBe(400);
      expect(garbled.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: { body: ['must be valid JSON'] } },
      });
    });
  });

  describe('tokens', () => {
    it('answers 401 without a token, with a garbled one, a forged one and an expired one', async () => {
      const none = await http.call('GET', '/api/v1/units');
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect((await http.call('GET', '/api/v1/units', { token: 'not-a-jwt' })).status).toBe(401);

      const forged = await new SignJWT({ org: 'kontum' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(await userIdOf('admin'))
        .setIssuer(suite.config.publicUrl)
        .setAudience(LOCAL_TOKEN_AUDIENCE)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough-to-sign'));
      expect((await http.call('GET', '/api/v1/units', { token: forged })).status).toBe(401);

      const expired = await new SignJWT({ org: 'kontum' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(await userIdOf('admin'))
        .setIssuer(suite.config.publicUrl)
        .setAudience(LOCAL_TOKEN_AUDIENCE)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(suite.config.auth.jwtSecret));
      const answer = await http.call('GET', '/api/v1/units', { token: expired });
      expect(answer.status).toBe(401);
      expect(answer.body.message).toBe('bearer token đã hết hạn');
    });

    it('accepts an SSO token verified against the JWKS, maps it to the directory user by e-mail and then by subject', async () => {
      const subject = `sso-${uniqueSuffix()}`;
      const token = await sso.token({
        sub: subject,
        email: kontum.email('staff.tthc'),
        email_verified: true,
      });
      const me = await http.call('GET', '/api/v1/auth/me', { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        email: kontum.email('staff.tthc'),
        roles: ['staff'],
        authenticatedBy: 'oidc',
      });
      expect(sso.jwksRequests).toBeGreaterThanOrEqual(1);
      // Linked: a later token with the same subject and no e-mail claim is the same person.
      const bySubject = await http.call('GET', '/api/v1/auth/me', {
        token: await sso.token({ sub: subject }),
      });
      expect(bySubject.body).toMatchObject({ userId: me.body.userId });
    });

    it('refuses SSO tokens for another audience, signed by another key, of an unverified or unknown e-mail, or HMAC-signed', async () => {
      const claims = { sub: `sso-${uniqueSuffix()}`, email: kontum.email('staff.tonghop') };
      const refusals = [
        await sso.token(claims, { audience: 'another-app' }),
        await sso.token(claims, { key: (await generateKeyPair('RS256')).privateKey }),
        await sso.token({ ...claims, email_verified: false }),
        await sso.token({ sub: `sso-${uniqueSuffix()}`, email: 'stranger@elsewhere.test' }),
        await sso.token(claims, { expiresIn: '-1m' }),
        // Algorithm confusion: an HMAC token claiming the SSO issuer is never verified with a key.
        await new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(sso.issuer)
          .setAudience('qcycle')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(suite.config.auth.jwtSecret)),
      ];
      for (const token of refusals) {
        const answer = await http.call('GET', '/api/v1/auth/me', { token });
        expect({ status: answer.status, code: answer.body.code }).toEqual({
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    });
  });

  describe('directory administration', () => {
    it('lets the administrator add, list, filter, page, rename, move and remove units', async () => {
      const admin = await kontum.tokenOf('admin');
      const code = `vp-test-${uniqueSuffix()}`;
      const created = await http.call('POST', '/api/v1/units', {
        token: admin,
        body: { code, name: { vi: 'Phòng Thử nghiệm', en: 'Test Division' }, parentCode: 'vp-tonghop' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code, organisationCode: 'kontum', parentCode: 'vp-tonghop' });

      const all = await http.call<{ items: { code: string }[]; total: number }>(
        'GET',
        '/api/v1/units?limit=2&offset=0',
        { token: admin },
      );
      expect(all.body).toMatchObject({ total: 7, limit: 2, offset: 0 });
      expect(all.body.items).toHaveLength(2);
      const children = await http.call<{ items: { code: string }[] }>(
        'GET',
        '/api/v1/units?parentCode=vp-tonghop',
        { token: await kontum.tokenOf('staff.tthc') },
      );
      expect(children.body.items.map((u) => u.code)).toEqual([code]);
      const found = await http.call<{ items: { code: string }[] }>(
        'GET',
        `/api/v1/units?q=${encodeURIComponent('thử nghiệm')}`,
        { token: admin },
      );
      expect(found.body.items.map((u) => u.code)).toEqual([code]);
      for (const q of ['THỬ NGHIỆM', 'thu nghiem']) {
        const again = await http.call<{ items: { code: string }[] }>(
          'GET',
          `/api/v1/units?q=${encodeURIComponent(q)}`,
          { token: admin },
        );
        expect({ q, codes: again.body.items.map((u) => u.code) }).toEqual({ q, codes: [code] });
      }

      const moved = await http.call('PATCH', `/api/v1/units/${code}`, {
        token: admin,
        body: { name: { vi: 'Phòng Thí điểm', en: 'Pilot Division' }, parentCode: null },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ name: { vi: 'Phòng Thí điểm' }, parentCode: null });
      const loop = await http.call('PATCH', '/api/v1/units/vp-tonghop', {
        token: admin,
        body: { parentCode: 'vp-tonghop' },
      });
      expect(loop.status).toBe(422);
      expect(loop.body).toMatchObject({
        details: { fields: { parentCode: [expect.stringContaining('loop')] } },
      });

      expect((await http.call('DELETE', '/api/v1/units/vp-kiemsoat-tthc', { token: admin })).status).toBe(
        409,
      );
      expect((await http.call('DELETE', `/api/v1/units/${code}`, { token: admin })).status).toBe(204);
      expect((await http.call('GET', `/api/v1/units/${code}`, { token: admin })).status).toBe(404);
      expect(
        (
          await http.call('PATCH', `/api/v1/units/${code}`, {
            token: admin,
            body: { name: { vi: 'x', en: 'x' } },
          })
        ).status,
      ).toBe(404);
    });

    it('refuses a duplicate unit with 409 and a malformed one with 400 naming each field', async () => {
      const admin = await kontum.tokenOf('admin');
      const duplicate = await http.call('POST', '/api/v1/units', {
        token: admin,
        body: { code: 'vp-tonghop', name: { vi: 'Trùng', en: 'Duplicate' } },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'CONFLICT', details: { code: 'vp-tonghop' } });
      const malformed = await http.call<{ details: { fields: Record<string, string[]> } }>(
        'POST',
        '/api/v1/units',
        { token: admin, body: { code: 'Phòng A', name: { vi: '' }, colour: 'red' } },
      );
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.details.fields).sort()).toEqual([
        'code',
        'colour',
        'name.en',
        'name.vi',
      ]);
      const orphan = await http.call('POST', '/api/v1/units', {
        token: admin,
        body: { code: `vp-${uniqueSuffix()}`, name: { vi: 'a', en: 'a' }, parentCode: 'vp-khong-co' },
      });
      expect(orphan.status).toBe(422);
      expect(orphan.body).toMatchObject({
        code: 'RULE_VIOLATED',
        details: { fields: { parentCode: ['no unit vp-khong-co in your organisation'] } },
      });
      const badPage = await http.call<{ details: { fields: Record<string, string[]> } }>(
        'GET',
        '/api/v1/units?limit=1000&offset=-1',
        { token: admin },
      );
      expect(badPage.status).toBe(400);
      expect(Object.keys(badPage.body.details.fields).sort()).toEqual(['limit', 'offset']);
    });

    it('adds users with roles, refuses a duplicate e-mail (any case) with 409, and filters and pages users', async () => {
      const admin = await kontum.tokenOf('admin');
      const address = `auditor.${uniqueSuffix()}@kontum.qcycle.test`;
      const created = await http.call<{
        id: string;
        roles: { id: string; role: string; unitCode: string | null }[];
      }>('POST', '/api/v1/users', {
        token: admin,
        body: {
          fullName: 'Trương Văn Kiểm',
          email: address,
          unitCode: 'vp-kinhte',
          password: 'a-long-initial-password',
          roles: [{ role: 'auditor' }],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: address,
        unitCode: 'vp-kinhte',
        locale: 'vi',
        active: true,
        hasPassword: true,
        ssoLinked: false,
        roles: [{ role: 'auditor', unitCode: null }],
      });

      const duplicate = await http.call('POST', '/api/v1/users', {
        token: admin,
        body: { fullName: 'Someone', email: address.toUpperCase() },
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ code: 'CONFLICT', details: { email: address } });

      const headWithoutUnit = await http.call('POST', '/api/v1/users', {
        token: admin,
        body: {
          fullName: 'X',
          email: `x.${uniqueSuffix()}@kontum.qcycle.test`,
          roles: [{ role: 'unit-head' }],
        },
      });
      expect(headWithoutUnit.status).toBe(422);
      expect(headWithoutUnit.body).toMatchObject({
        details: { fields: { 'roles.0.unitCode': ['a unit-head role needs the unit it leads'] } },
      });
      const malformed = await http.call<{ details: { fields: Record<string, string[]> } }>(
        'POST',
        '/api/v1/users',
        {
          token: admin,
          body: { fullName: '', email: 'nope', password: 'short', locale: 'fr', roles: [{ role: 'king' }] },
        },
      );
      expect(malformed.status).toBe(400);
      expect(Object.keys(malformed.body.details.fields).sort()).toEqual([
        'email',
        'fullName',
        'locale',
        'password',
        'roles.0.role',
      ]);

      const auditors = await http.call<{ items: { email: string }[]; total: number }>(
        'GET',
        '/api/v1/users?role=auditor&active=true',
        { token: admin },
      );
      expect(auditors.body.total).toBe(4);
      const page = await http.call<{ items: unknown[]; total: number }>(
        'GET',
        '/api/v1/users?role=auditor&limit=3&offset=3',
        { token: await kontum.tokenOf('qmr') },
      );
      expect(page.body).toMatchObject({ total: 4, offset: 3 });
      expect(page.body.items).toHaveLength(1);
      const byName = await http.call<{ items: { fullName: string }[] }>(
        'GET',
        `/api/v1/users?q=${encodeURIComponent('tháp')}`,
        { token: admin },
      );
      expect(byName.body.items.map((u) => u.fullName)).toEqual(['Nguyễn Hữu Tháp']);
      // A Vietnamese capital (SQLite's LOWER() folds A–Z only), the name typed without its marks,
      // or decomposed (Unikey's "tổ hợp"): the same person. % is a percent sign, not "anything".
      for (const q of ['Đặng', 'ĐẶNG THU', 'dang thu', 'Đặng Thu Trang'.normalize('NFD'), '%']) {
        const found = await http.call<{ items: { fullName: string }[] }>(
          'GET',
          `/api/v1/users?q=${encodeURIComponent(q)}`,
          { token: admin },
        );
        expect({ q, names: found.body.items.map((u) => u.fullName) }).toEqual({
          q,
          names: q === '%' ? [] : ['Đặng Thu Trang'],
        });
      }

      // Roles: grant, refuse the same grant twice, revoke.
      const grant = await http.call<{ id: string }>('POST', `/api/v1/users/${created.body.id}/roles`, {
        token: admin,
        body: { role: 'unit-head', unitCode: 'vp-kinhte' },
      });
      expect(grant.status).toBe(201);
      expect(
        (
          await http.call('POST', `/api/v1/users/${created.body.id}/roles`, {
            token: admin,
            body: { role: 'unit-head', unitCode: 'vp-kinhte' },
          })
        ).status,
      ).toBe(409);
      const wrongShape = await http.call('POST', `/api/v1/users/${created.body.id}/roles`, {
        token: admin,
        body: { role: 'staff', unitCode: 'vp-kinhte' },
      });
      expect(wrongShape.body).toMatchObject({
        statusCode: 422,
        details: { fields: { unitCode: [expect.stringContaining('organisation-wide')] } },
      });
      const roles = await http.call<{ role: string }[]>('GET', `/api/v1/users/${created.body.id}/roles`, {
        token: admin,
      });
      expect(roles.body.map((r) => r.role)).toEqual(['auditor', 'unit-head']);
      expect(
        (
          await http.call('DELETE', `/api/v1/users/${created.body.id}/roles/${grant.body.id}`, {
            token: admin,
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await http.call('DELETE', `/api/v1/users/${created.body.id}/roles/${grant.body.id}`, {
            token: admin,
          })
        ).status,
      ).toBe(404);
    });

    it('deactivates a user: their token stops working at once and they cannot sign in; an admin cannot lock themselves out', async () => {
      const admin = await kontum.tokenOf('admin');
      const address = `leaving.${uniqueSuffix()}@kontum.qcycle.test`;
      const user = await http.call<{ id: string }>('POST', '/api/v1/users', {
        token: admin,
        body: {
          fullName: 'Người Nghỉ',
          email: address,
          password: 'a-long-initial-password',
          roles: [{ role: 'staff' }],
        },
      });
      const token = (await signIn(http, address, 'a-long-initial-password')).accessToken;
      expect((await http.call('GET', '/api/v1/auth/me', { token })).status).toBe(200);
      expect(
        (await http.call('PATCH', `/api/v1/users/${user.body.id}`, { token: admin, body: { active: false } }))
          .body,
      ).toMatchObject({ active: false });
      expect((await http.call('GET', '/api/v1/auth/me', { token })).status).toBe(401);
      expect(
        (
          await http.call('POST', '/api/v1/auth/login', {
            body: { email: address, password: 'a-long-initial-password' },
          })
        ).status,
      ).toBe(401);

      const adminId = await userIdOf('admin');
      expect(
        (await http.call('PATCH', `/api/v1/users/${adminId}`, { token: admin, body: { active: false } }))
          .status,
      ).toBe(409);
      const adminRoles = await http.call<{ id: string; role: string }[]>(
        'GET',
        `/api/v1/users/${adminId}/roles`,
        { token: admin },
      );
      expect(
        (
          await http.call('DELETE', `/api/v1/users/${adminId}/roles/${adminRoles.body[0].id}`, {
            token: admin,
          })
        ).status,
      ).toBe(409);
    });
  });

  describe('directory event log', () => {
    it('keeps every directory change with who, when, from where and the request id, never a password', async () => {
      const admin = await kontum.tokenOf('admin');
      const address = `logged.${uniqueSuffix()}@kontum.qcycle.test`;
      const created = await http.call<{ id: string }>('POST', '/api/v1/users', {
        token: admin,
        body: {
          fullName: 'Người Được Ghi',
          email: address,
          password: 'a-long-secret-password',
          roles: [{ role: 'staff' }],
        },
        headers: { 'x-request-id': 'create-logged-user' },
      });
      await http.call('PATCH', `/api/v1/users/${created.body.id}`, {
        token: admin,
        body: { password: 'another-long-secret-password', locale: 'en' },
      });
      const log = await http.call<{
        items: {
          type: string;
          actor: string;
          requestId: string;
          clientAddress: string;
          payload: Record<string, unknown>;
        }[];
      }>('GET', `/api/v1/directory/events?type=user.&limit=100`, { token: admin });
      expect(log.status).toBe(200);
      const mine = log.body.items.filter((e) => e.payload.userId === created.body.id);
      expect(mine.map((e) => e.type)).toEqual(['user.changed', 'user.created']);
      expect(mine[1]).toMatchObject({
        actor: await userIdOf('admin'),
        requestId: 'create-logged-user',
        clientAddress: '127.0.0.1',
        payload: { email: address, withPassword: true },
      });
      expect(mine[0].payload).toMatchObject({ locale: 'en', passwordChanged: true });
      expect(JSON.stringify(log.body)).not.toContain('secret-password');
      expect(
        (await http.call('GET', '/api/v1/directory/events', { token: await kontum.tokenOf('qmr') })).status,
      ).toBe(403);
    });
  });

  describe('authorisation', () => {
    it('answers 403 naming the roles to a signed-in user without them', async () => {
      const staff = await kontum.tokenOf('staff.tthc');
      const create = await http.call('POST', '/api/v1/units', {
        token: staff,
        body: { code: 'vp-x', name: { vi: 'x', en: 'x' } },
      });
      expect(create.status).toBe(403);
      expect(create.body).toMatchObject({
        code: 'FORBIDDEN',
        message: 'Việc này cần một trong các vai trò admin; bạn có staff',
        requestId: expect.any(String),
      });
      expect((await http.call('GET', '/api/v1/users', { token: staff })).status).toBe(403);
      expect(
        (
          await http.call('POST', '/api/v1/cycles', {
            token: await kontum.tokenOf('leader'),
            body: { organisationCode: 'kontum', year: 2031 },
          })
        ).status,
      ).toBe(403);
      expect(
        (await http.call('POST', '/api/v1/organisations', { token: await kontum.tokenOf('qmr'), body: {} }))
          .status,
      ).toBe(403);
    });

    it('lets a user see their own account but not a colleague’s', async () => {
      const staff = await kontum.tokenOf('staff.tthc');
      const ownId = await userIdOf('staff.tthc');
      expect((await http.call('GET', `/api/v1/users/${ownId}`, { token: staff })).status).toBe(200);
      const colleague = await http.call('GET', `/api/v1/users/${await userIdOf('staff.tonghop')}`, {
        token: staff,
      });
      expect(colleague.status).toBe(403);
      expect(colleague.body.message).toContain('chỉ xem được tài khoản của mình');
    });

    it("gives everyone the names of their organisation's people, without e-mails", async () => {
      const answer = await http.call('GET', '/api/v1/people', { token: await kontum.tokenOf('staff.tthc') });
      expect(answer.status).toBe(200);
      const people = answer.body as unknown as { userId: string; fullName: string; roles: string[] }[];
      const leadAuditorId = await userIdOf('lead.auditor');
      const lead = people.find((person) => person.userId === leadAuditorId);
      expect(lead?.fullName).toBe('Lý Thị Mai');
      expect(lead?.roles).toContain('lead-auditor');
      expect(JSON.stringify(people)).not.toContain('@');
    });

    it('lets only an administrator of the organisation that operates the install create organisations, and logs it on both sides', async () => {
      const operator = await kontum.tokenOf('admin');
      const code = `quangngai-${uniqueSuffix()}`;
      const adminEmail = `admin.${uniqueSuffix()}@quangngai.qcycle.test`;
      const created = await http.call('POST', '/api/v1/organisations', {
        token: operator,
        body: {
          code,
          name: { vi: 'UBND tỉnh Quảng Ngãi', en: "Quang Ngai Provincial People's Committee" },
          firstAdmin: { fullName: 'Quản trị Quảng Ngãi', email: adminEmail, password: 'quang-ngai-password' },
        },
      });
      expect(created.status).toBe(201);
      // The operating organisation's log says what its administrator did elsewhere.
      type Log = { items: { type: string; actor: string; payload: Record<string, unknown> }[] };
      const log = await http.call<Log>('GET', '/api/v1/directory/events?type=organisation.&limit=100', {
        token: operator,
      });
      expect(log.body.items.filter((e) => e.payload.code === code)).toEqual([
        expect.objectContaining({ type: 'organisation.created', actor: await userIdOf('admin') }),
      ]);

      // The new organisation's administrator administers it, but creates no organisation.
      const newcomer = (await signIn(http, adminEmail, 'quang-ngai-password')).accessToken;
      const spare = `spare-${uniqueSuffix()}`;
      const body = {
        code: spare,
        name: { vi: 'Tổ chức khác', en: 'Another organisation' },
        firstAdmin: { fullName: 'Người khác', email: `someone.${uniqueSuffix()}@example.gov.vn` },
      };
      const refused = await http.call('POST', '/api/v1/organisations', { token: newcomer, body });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ details: { reason: 'ORGANISATION_CREATOR_ONLY' } });
      expect(refused.body.message).toContain('ORGANISATION_CREATORS');
      // Nothing was written: the code is still free, for the operator.
      expect((await http.call('POST', '/api/v1/organisations', { token: operator, body })).status).toBe(201);
      const theirLog = await http.call<Log>('GET', '/api/v1/directory/events?type=organisation.&limit=100', {
        token: newcomer,
      });
      expect(theirLog.body.items.map((e) => e.payload.code)).toEqual([code]);
    });

    it("keeps organisations apart: another organisation's objects are 404 both ways", async () => {
      const admin = await kontum.tokenOf('admin');
      const code = `gialai-${uniqueSuffix()}`;
      const adminEmail = `admin.${uniqueSuffix()}@gialai.qcycle.test`;
      const body = {
        code,
        name: { vi: 'UBND tỉnh Gia Lai', en: "Gia Lai Provincial People's Committee" },
        firstAdmin: { fullName: 'Quản trị Gia Lai', email: adminEmail, password: 'gia-lai-initial-password' },
      };
      expect((await http.call('POST', '/api/v1/organisations', { token: admin, body })).status).toBe(201);
      expect((await http.call('POST', '/api/v1/organisations', { token: admin, body })).status).toBe(409);
      // Organisations administer themselves: the creator does not see it.
      expect((await http.call('GET', `/api/v1/organisations/${code}`, { token: admin })).status).toBe(404);

      const other = (await signIn(http, adminEmail, 'gia-lai-initial-password')).accessToken;
      expect(
        (
          await http.call('POST', '/api/v1/units', {
            token: other,
            body: { code: 'vp-tonghop', name: { vi: 'Phòng Tổng hợp', en: 'General Affairs' } },
          })
        ).status,
      ).toBe(201);
      const kontumUser = await userIdOf('staff.tthc');
      for (const path of [
        '/api/v1/organisations/kontum',
        `/api/v1/users/${kontumUser}`,
        `/api/v1/users/${kontumUser}/roles`,
        '/api/v1/cycles/kontum-2024',
      ]) {
        const answer = await http.call('GET', path, { token: other });
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      }
      expect(
        (await http.call('PATCH', `/api/v1/users/${kontumUser}`, { token: other, body: { active: false } }))
          .status,
      ).toBe(404);
      expect(
        (
          await http.call('PATCH', '/api/v1/organisations/kontum', {
            token: other,
            body: { name: { vi: 'x', en: 'x' } },
          })
        ).status,
      ).toBe(404);
      const theirOrgs = await http.call<{ items: { code: string }[]; total: number }>(
        'GET',
        '/api/v1/organisations',
        { token: other },
      );
      expect(theirOrgs.body).toMatchObject({ total: 1, items: [{ code }] });
      const theirUnits = await http.call<{ items: unknown[]; total: number }>('GET', '/api/v1/units', {
        token: other,
      });
      expect(theirUnits.body.total).toBe(1);
      // Each side edits only its own vp-tonghop.
      const renamed = await http.call('PATCH', '/api/v1/units/vp-tonghop', {
        token: other,
        body: { name: { vi: 'Đổi tên', en: 'Renamed' } },
      });
      expect(renamed.status).toBe(200);
      expect((await http.call('GET', '/api/v1/units/vp-tonghop', { token: other })).body).toMatchObject({
        name: { vi: 'Đổi tên' },
      });
      expect((await http.call('GET', '/api/v1/units/vp-tonghop', { token: admin })).body).toMatchObject({
        name: { vi: 'Phòng Tổng hợp' },
      });
      // Starting another organisation's cycle is refused as not found, before anything reaches Temporal.
      expect(
        (
          await http.call('POST', '/api/v1/cycles', {
            token: await kontum.tokenOf('qmr'),
            body: { organisationCode: code, year: 2030 },
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('HTTP hygiene', () => {
    it('echoes an acceptable x-request-id, makes one otherwise, and puts it on error bodies', async () => {
      const mine = await http.call('GET', '/api/v1/units', { headers: { 'x-request-id': 'proxy-abc.123' } });
      expect(mine.headers.get('x-request-id')).toBe('proxy-abc.123');
      expect(mine.body.requestId).toBe('proxy-abc.123');
      const hostile = await http.call('GET', '/api/v1/units', {
        headers: { 'x-request-id': 'x'.repeat(200) },
      });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(hostile.body.requestId).toBe(hostile.headers.get('x-request-id'));
    });

    it('serves Swagger UI and the OpenAPI document without a token', async () => {
      const ui = await fetch(`${http.baseUrl}/api/docs`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('swagger-ui');
      expect((await fetch(`${http.baseUrl}/api/docs-json`)).status).toBe(200);
    });

    it('sends security headers and allows only the configured CORS origins', async () => {
      const health = await fetch(`${http.baseUrl}/health`);
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(health.headers.get('x-powered-by')).toBeNull();
      const allowed = await fetch(`${http.baseUrl}/api/v1/units`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const refused = await fetch(`${http.baseUrl}/api/v1/units`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('rate-limits password guessing on one account with 429 and Retry-After', async () => {
      const target = `guess.${uniqueSuffix()}@kontum.qcycle.test`;
      const statuses: number[] = [];
      let last: Headers | undefined;
      for (let attempt = 0; attempt < suite.config.http.rateLimit.loginPerMinute + 1; attempt++) {
        const answer = await http.call('POST', '/api/v1/auth/login', {
          body: { email: target, password: `guess-${attempt}` },
        });
        statuses.push(answer.status);
        last = answer.headers;
      }
      expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect(Number(last?.get('retry-after-login-account'))).toBeGreaterThan(0);
      // Another account from the same address still gets its answer.
      expect(
        (
          await http.call('POST', '/api/v1/auth/login', {
            body: { email: kontum.email('leader'), password: 'wrong-password' },
          })
        ).status,
      ).toBe(401);
    });

    it('rate-limits writes per user with 429, leaving reads and other users alone', async () => {
      const address = `busy.${uniqueSuffix()}@kontum.qcycle.test`;
      await http.call('POST', '/api/v1/users', {
        token: await kontum.tokenOf('admin'),
        body: {
          fullName: 'Quản trị Bận',
          email: address,
          password: 'a-long-initial-password',
          roles: [{ role: 'admin' }],
        },
      });
      const busy = (await signIn(http, address, 'a-long-initial-password')).accessToken;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < suite.config.http.rateLimit.writesPerMinute + 1; attempt++) {
        statuses.push(
          (await http.call('POST', '/api/v1/units', { token: busy, body: { code: 'INVALID' } })).status,
        );
      }
      expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect((await http.call('GET', '/api/v1/units', { token: busy })).status).toBe(200);
      expect(
        (
          await http.call('POST', '/api/v1/units', {
            token: await kontum.tokenOf('admin'),
            body: { code: 'INVALID' },
          })
        ).status,
      ).toBe(400);
    });
  });

  describe('OpenAPI document', () => {
    it('documents every route, exactly the codes each can return, and every code this suite received', async () => {
      const documented = await documentedCodes(http.baseUrl);

      // 1. Every route the server has is documented, and nothing else is.
      const served = expressRoutes(suite.api.getHttpAdapter().getInstance()).filter(
        (key) => !key.includes('/api/docs'),
      );
      expect([...documented.keys()].sort()).toEqual([...new Set(served)].sort());
      // …and the table covers the same routes.
      expect(Object.keys(CAN_RETURN).sort()).toEqual([...documented.keys()].sort());

      // 2. The table agrees with what the decorators make possible.
      const facts = routeFacts(CONTROLLERS);
      expect(facts.map((f) => f.key).sort()).toEqual(Object.keys(CAN_RETURN).sort());
      for (const fact of facts) {
        const codes = CAN_RETURN[fact.key];
        const mismatch = (reason: string) => ({ route: fact.key, reason });
        // Any authenticated route: 401 without a token, 403 for a task-link session outside its task
        // (unless it is open to every session, when 403 cannot come).
        if (!fact.isPublic)
          expect(
            codes.includes(401) && codes.includes(403) !== fact.openToEverySession
              ? null
              : mismatch(
                  fact.openToEverySession
                    ? 'route open to every session must list 401 and not 403'
                    : 'authenticated route must list 401 and 403',
                ),
          ).toBeNull();
        if (fact.hasRoles)
          expect(codes.includes(403) ? null : mismatch('@Roles route must list 403')).toBeNull();
        expect(
          codes.includes(400) === fact.validatesInput
            ? null
            : mismatch(`400 listed=${codes.includes(400)} but validated input=${fact.validatesInput}`),
        ).toBeNull();
        const throttled = fact.isWrite || fact.isLogin;
        expect(
          codes.includes(429) === throttled
            ? null
            : mismatch(`429 listed=${codes.includes(429)} but throttled=${throttled}`),
        ).toBeNull();
      }

      // 3. The document says exactly what the table says.
      for (const [key, codes] of Object.entries(CAN_RETURN))
        expect({ key, codes: documented.get(key) }).toEqual({ key, codes: [...codes].sort() });

      // 4. Every status this suite received was documented for its route.
      expect(await undocumentedAnswers(http)).toEqual([]);
      expect(http.observed.length).toBeGreaterThan(100);
    });

    it('documents request and answer bodies with examples, and bearer authentication', async () => {
      const doc = (await (await fetch(`${http.baseUrl}/api/docs-json`)).json()) as {
        components: {
          schemas: Record<
            string,
            {
              properties?: Record<
                string,
                { example?: unknown; $ref?: unknown; allOf?: unknown; items?: unknown }
              >;
            }
          >;
          securitySchemes: Record<string, unknown>;
        };
      };
      expect(doc.components.securitySchemes).toHaveProperty('bearer');
      for (const name of [
        'LoginDto',
        'TokenView',
        'CreateUnitDto',
        'UnitView',
        'CreateUserDto',
        'UserView',
        'ErrorView',
        'CreateOrganisationDto',
      ]) {
        const properties = doc.components.schemas[name]?.properties ?? {};
        expect([name, Object.keys(properties).length > 0]).toEqual([name, true]);
        const withoutExample = Object.entries(properties)
          .filter(
            ([, p]) =>
              p.example === undefined &&
              p.$ref === undefined &&
              p.allOf === undefined &&
              p.items === undefined,
          )
          .map(([k]) => k);
        expect({ name, withoutExample }).toEqual({ name, withoutExample: [] });
      }
      // Views that share a base class show its fields too.
      for (const name of ['CycleView', 'CycleRecordView']) {
        expect(Object.keys(doc.components.schemas[name]?.properties ?? {})).toEqual(
          expect.arrayContaining(['id', 'workflowId', 'organisationCode', 'year', 'status', 'phase']),
        );
      }
      expect(Object.keys(doc.components.schemas.ReportAuditView?.properties ?? {}).sort()).toEqual([
        'closedAt',
        'from',
        'nonconformities',
        'report',
        'scope',
        'status',
        'steps',
        'to',
      ]);
      expect(Object.keys(doc.components.schemas.ReportDecisionView?.properties ?? {})).toContain(
        'signingDate',
      );
    });
  });
});
