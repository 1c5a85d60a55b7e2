import { KONTUM_2024_TEMPLATE } from '@qcycle/domain';
import { eventually } from '@qcycle/testing';
import { DEMO_PASSWORD } from '../../../apps/api/src/demo/demo-directory';
import type { Answer, HttpRecorder } from './http-recorder';

/** What a login answers (the part the suites read). */
export interface Session {
  accessToken: string;
  user: { userId: string };
}

/** A nonconformity as a cycle's list shows it (`GET /api/v1/cycles/{id}/nonconformities`). */
export interface NonconformitySummary {
  id: string;
  source: string;
  unitCode: string;
  status: string;
  verifierUserId: string | null;
  ownerUserId: string | null;
  dueDate: string | null;
  carriedFrom: string | null;
  continuedAs: string | null;
}

/** A task as an inbox lists it (`GET /api/v1/me/tasks`). */
export interface TaskSummary {
  id: string;
  cycleId: string;
  kind: string;
  title: { vi: string; en: string };
  status: string;
  assigneeUserId: string;
  delegateUserIds: string[];
  unitCode: string | null;
  objectiveId: string | null;
  periodKey: string | null;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

/** The path of a task's route; task ids contain slashes, so they are encoded. */
export const taskPath = (id: string, suffix = '') => `/api/v1/tasks/${encodeURIComponent(id)}${suffix}`;

/** Signs in with e-mail and password, expecting success. */
export async function signIn(http: HttpRecorder, email: string, password: string): Promise<Session> {
  const answer = await http.call<Session>('POST', '/api/v1/auth/login', { body: { email, password } });
  expect(answer.status).toBe(200);
  return answer.body;
}

/**
 * The people of one organisation seeded with the demo directory, as their clients reach the API:
 * each signs in with the demo password once (login is rate-limited, as it should be) and keeps their
 * token; `local` is the part of their e-mail before the @ (`qmr`, `head.tthc`, …).
 */
export class DemoOrganisation {
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly http: HttpRecorder,
    /** Default: the Kon Tum organisation the API seeds at boot with SEED_DEMO_DATA=true. */
    readonly code: string = KONTUM_2024_TEMPLATE.organisation.code,
    readonly emailDomain = `${code}.qcycle.test`,
  ) {}

  email(local: string): string {
    return `${local}@${this.emailDomain}`;
  }

  async tokenOf(local: string): Promise<string> {
    let session = this.sessions.get(local);
    if (!session) {
      session = await signIn(this.http, this.email(local), DEMO_PASSWORD);
      this.sessions.set(local, session);
    }
    return session.accessToken;
  }

  /** Keeps a session the suite opened itself, so that `tokenOf` does not sign that person in again. */
  remember(local: string, session: Session): void {
    this.sessions.set(local, session);
  }

  /** The user id of someone who has signed in (`tokenOf`) already. */
  idOf(local: string): string {
    const session = this.sessions.get(local);
    if (!session) throw new Error(`${local} has not signed in yet: call tokenOf('${local}') first`);
    return session.user.userId;
  }

  /**
   * Someone the administrator adds to the directory (after the year started, say), with the demo
   * password and the e-mail `local@…`, signed in at once: their id is `idOf(local)`.
   */
  async join(
    local: string,
    person: {
      fullName: string;
      title?: string;
      unitCode?: string;
      roles: { role: string; unitCode?: string }[];
    },
  ): Promise<string> {
    const added = await this.as<{ id: string }>('admin', 'POST', '/api/v1/users', {
      ...person,
      email: this.email(local),
      password: DEMO_PASSWORD,
    });
    expect(added.status).toBe(201);
    await this.tokenOf(local);
    return added.body.id;
  }

  /** Someone who joins the directory as the head of `unitCode` (a successor, a deputy in charge). */
  joinAsHead(local: string, person: { fullName: string; title: string }, unitCode: string): Promise<string> {
    return this.join(local, { ...person, unitCode, roles: [{ role: 'unit-head', unitCode }] });
  }

  /** The administrator takes a role from someone (posted elsewhere, still in the directory). */
  async revokeRole(local: string, role: string): Promise<void> {
    const assignments = await this.as<{ id: string; role: string }[]>(
      'admin',
      'GET',
      `/api/v1/users/${this.idOf(local)}/roles`,
    );
    const assignment = assignments.body.find((candidate) => candidate.role === role);
    expect(assignment).toBeDefined();
    const revoked = await this.as(
      'admin',
      'DELETE',
      `/api/v1/users/${this.idOf(local)}/roles/${assignment?.id}`,
    );
    expect(revoked.status).toBe(204);
  }

  /** A request as that person. */
  async as<T = Record<string, unknown>>(
    local: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    return this.http.call<T>(method, path, { token: await this.tokenOf(local), body });
  }

  /**
   * A file uploaded as that person to a record of the cycle (docs/evidence.md): the fields before the
   * file, as the API wants them.
   */
  async uploadEvidence<T = Record<string, unknown>>(
    local: string,
    cycleId: string,
    record: { recordType: string; recordKey: string },
    file: { bytes: Buffer; name: string; type?: string },
  ): Promise<Answer<T>> {
    const form = new FormData();
    form.append('recordType', record.recordType);
    form.append('recordKey', record.recordKey);
    form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/pdf' }), file.name);
    const path = `/api/v1/cycles/${encodeURIComponent(cycleId)}/evidence`;
    const response = await fetch(`${this.http.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.tokenOf(local)}` },
      body: form,
    });
    this.http.observed.push({ method: 'POST', path, status: response.status });
    return { status: response.status, body: (await response.json()) as T, headers: response.headers };
  }

  /** The person downloads an uploaded file (`GET /evidence/{id}`): its status and bytes. */
  async downloadEvidence(local: string, evidenceId: string): Promise<{ status: number; bytes: Buffer }> {
    const path = `/api/v1/evidence/${evidenceId}`;
    const response = await fetch(`${this.http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${await this.tokenOf(local)}` },
    });
    this.http.observed.push({ method: 'GET', path, status: response.status });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  /** The person's open tasks of a kind, as their inbox shows them. */
  async inbox(local: string, kind: string): Promise<TaskSummary[]> {
    const answer = await this.as<{ items: TaskSummary[] }>(local, 'GET', `/api/v1/me/tasks?kind=${kind}`);
    expect(answer.status).toBe(200);
    return answer.body.items;
  }

  /** The subjects of the person's notifications of one reason (`paper-to-scan`), newest first, as the bell lists them. */
  async noticesOf(local: string, reason: string): Promise<string[]> {
    const answer = await this.as<{ items: { reason: string; subject: string }[] }>(
      local,
      'GET',
      '/api/v1/me/notifications?limit=100',
    );
    expect(answer.status).toBe(200);
    return answer.body.items.filter((item) => item.reason === reason).map((item) => item.subject);
  }

  /** The `user.changed` entries of one person in the directory's log, newest first, as the administrator reads them. */
  async userChangesOf(userId: string): Promise<Record<string, unknown>[]> {
    const log = await this.as<{ items: { payload: Record<string, unknown> }[] }>(
      'admin',
      'GET',
      '/api/v1/directory/events?type=user.changed&limit=100',
    );
    return log.body.items.filter((e) => e.payload.userId === userId).map((e) => e.payload);
  }

  /** A cycle's nonconformities as the Quality Representative reads them; none for a year not started. */
  async nonconformities(cycleId: string): Promise<NonconformitySummary[]> {
    const answer = await this.as<{ items?: NonconformitySummary[] }>(
      'qmr',
      'GET',
      `/api/v1/cycles/${cycleId}/nonconformities`,
    );
    return answer.body.items ?? [];
  }

  /**
   * `starter` (the Quality Representative) starts a rehearsal of 2024 from the Kon Tum template:
   * the leader's approval of its objectives, once in their inbox.
   */
  async startRehearsal(starter = 'qmr'): Promise<TaskSummary> {
    const started = await this.as(starter, 'POST', '/api/v1/cycles', {
      organisationCode: this.code,
      year: 2024,
      rehearsal: true,
    });
    expect(started.status).toBe(201);
    return this.waitForTask('leader', 'objectives-approval');
  }

  /**
   * `starter` (the Quality Representative) starts a rehearsal of 2024 from the Kon Tum template,
   * and the leader approves it with `approval`: the year is at its assignment.
   */
  async startApprovedRehearsal(
    approval: { documentNumber: string; signingDate: string },
    starter = 'qmr',
  ): Promise<void> {
    const task = await this.startRehearsal(starter);
    const approved = await this.as('leader', 'POST', taskPath(task.id, '/complete'), {
      outcome: { decision: 'approve', ...approval },
    });
    expect(approved.status).toBe(200);
    // The approval's answer is durable in its task; the decision's own record (what /decision,
    // /objectives and the documents read) is written by the cycle's next activity, just after.
    const decision = `/api/v1/cycles/${this.code}-2024/decision`;
    await eventually('the approved decision on record', async () =>
      (await this.as(starter, 'GET', decision)).status === 200 ? true : undefined,
    );
  }

  /**
   * Once the objectives are approved: the Chief of Office delegates each objective to the unit the
   * form proposes, and the units' acceptances open. The delegations.
   */
  async assignAsProposed(): Promise<{ objectiveId: string; unitCode: string }[]> {
    const assignment = await this.waitForTask('qmr', 'assignment-acceptance');
    const detail = await this.as<{ form: { objectives: { id: string; proposedUnitCode: string }[] } }>(
      'qmr',
      'GET',
      taskPath(assignment.id),
    );
    const delegations = detail.body.form.objectives.map((o) => ({
      objectiveId: o.id,
      unitCode: o.proposedUnitCode,
    }));
    const delegated = await this.as('qmr', 'POST', taskPath(assignment.id, '/complete'), {
      outcome: { accepted: true, delegations },
    });
    expect(delegated.status).toBe(200);
    return delegations;
  }

  /**
   * A nonconformity the Quality Representative opens outside the audit, as an observation in
   * `unitCode`, verified by `verifier`: its corrective action's id, once `unitHead` has its plan to
   * make (the action's record is written by then, so files may be uploaded to it).
   */
  async openObservation(
    cycleId: string,
    {
      unitCode,
      finding,
      verifier,
      unitHead,
    }: { unitCode: string; finding: string; verifier: string; unitHead: string },
  ): Promise<string> {
    await this.tokenOf(verifier);
    const opened = await this.as<{ id: string }>('qmr', 'POST', `/api/v1/cycles/${cycleId}/nonconformities`, {
      source: 'observation',
      description: finding,
      unitCode,
      severity: 'minor-nc',
      verifierUserId: this.idOf(verifier),
    });
    expect(opened.status).toBe(201);
    await this.waitForTask(unitHead, 'corrective-action-plan');
    return opened.body.id;
  }

  /** Reads an inbox until a task of that kind is there (activities record tasks asynchronously). */
  async waitForTask(local: string, kind: string): Promise<TaskSummary> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const [task] = await this.inbox(local, kind);
      if (task) return task;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${kind} task reached ${local}`);
  }
}
