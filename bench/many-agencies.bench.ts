/**
 * Many agencies at once (issue #11, "Many agencies"): N organisations, each with its own seeded demo
 * directory, start their Kon Tum 2024 rehearsal cycles through the real API (records in PostgreSQL,
 * the real worker), and CLIENTS concurrent clients drive every cycle through the leader's approval,
 * the Chief of Office's assignment, each unit head's acceptance and the first month's report
 * (objective 4, January), each over `POST /api/v1/tasks/:id/complete`.
 *
 * The Temporal server is the time-skipping test server (one of the bench's own): the January report
 * opens on 1 February of the rehearsal's calendar, a month away, so the bench lets those days pass
 * once for all cycles. Between phases nothing is timed: the bench waits (from the tasks table) until
 * every cycle's task of the next phase is open, then times the phase's completions.
 *
 * Baselines on the same server, in the same run, after qcycle's phases, with the same number of
 * clients and the same number of Updates per phase:
 *  - bare:          an Update answered at once by a minimal workflow (one per organisation);
 *  - same commands: per organisation a parent and its children (bench/support/bare-workflows.ts) that
 *                   issue, step by step, exactly the commands counted in the first organisation's
 *                   qcycle histories for that step — in the workflow that took the Update (before and
 *                   after its answer), in the cycle (its reaction: records, child starts) and in the
 *                   children the step started (their opening: the next task's record, signal, timers)
 *                   — following each workflow task back to the Update that set it off
 *                   (bench/support/history-commands.ts), with a no-op activity on a worker of the
 *                   bench's own. The baseline's own histories are counted the same way and printed
 *                   next to qcycle's, so a reader sees that the commands match.
 *
 * With QCYCLE_BENCH_WORKERS=2 (or 3) more qcycle workers run in processes of their own on the same task
 * queue (bench/support/worker-process.ts); the bench prints who started which workflow tasks and
 * activities (from a sample of the histories). Whatever the workers, it checks from the database that
 * each outcome was recorded once: completed tasks and their events, decisions, January measurements,
 * no notification sent twice, and task by task: every task answered is completed with exactly one
 * task.completed record.
 *
 * QCYCLE_BENCH_AGENCIES (default 10), QCYCLE_BENCH_CLIENTS (default 16), QCYCLE_BENCH_WORKERS
 * (default 1), QCYCLE_BENCH_MINUTES (default 60: the bench stops after the phase it is in, each phase
 * prints its line on stderr when it ends). Figures only: nothing here asserts a time; it fails on
 * errors and on an outcome not recorded exactly once. Run with `npm run bench -- many-agencies`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource, Like } from 'typeorm';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '@qcycle/config';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { TaskEntity, UserEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, testWorkflowBundle, uniqueSuffix } from '@qcycle/testing';
import { PasswordHasher } from '../apps/api/src/auth/password-hasher';
import { TokenService } from '../apps/api/src/auth/token.service';
import { DEMO_PASSWORD, seedDemoDirectory } from '../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../test/api/support/api-suite';
import { taskPath } from '../test/api/support/demo-organisation';
import { bareStepUpdate, bareStepsQuery } from './support/bare-workflows';
import { quantile, report, summary, timed } from './support/figures';
import {
  addMixes,
  childIdsIn,
  commandsPerStep,
  describeMix,
  type CommandMix,
  type CountedStep,
  type FamilyHistory,
  type StepScript,
} from './support/history-commands';

const AGENCIES = Number(process.env.QCYCLE_BENCH_AGENCIES ?? 10);
const CLIENTS = Number(process.env.QCYCLE_BENCH_CLIENTS ?? 16);
/** qcycle worker processes on the suite's task queue: the bench's own (in process) and WORKERS - 1 more. */
const WORKERS = Number(process.env.QCYCLE_BENCH_WORKERS ?? 1);
/** The bench stops (failing, after the phase it is in) once it has run this long: QCYCLE_BENCH_MINUTES. */
const DEADLINE = Date.now() + Number(process.env.QCYCLE_BENCH_MINUTES ?? 60) * 60_000;
function withinDeadline(what: string): void {
  if (Date.now() > DEADLINE)
    throw new Error(`QCYCLE_BENCH_MINUTES reached before ${what}: the lines above are as far as it got`);
}
/** How many organisations' histories are read for the spread over workers (all of them up to this). */
const SPREAD_SAMPLE = 50;

/** What one phase took: each request's time, how long the whole phase ran, what failed. */
interface PhaseFigures {
  samples: number[];
  wallMs: number;
  errors: string[];
}

/** Runs `work` for every item with `clients` concurrent clients; returns the wall-clock time. */
async function withClients<T>(
  items: T[],
  clients: number,
  work: (item: T) => Promise<void>,
): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(clients, items.length) }, async () => {
      // After one client fails the others stop too: left running, they would retry against servers the
      // suite has closed and keep Jest from exiting.
      while (next < items.length && !failed)
        await work(items[next++]).catch((error: unknown) => {
          failed = true;
          throw error;
        });
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Times each request of a phase; an answer other than `expected` (or a throw) is an error, not a stop. */
async function phase<T>(
  name: string,
  items: T[],
  request: (item: T) => Promise<{ status: number; body?: unknown } | unknown>,
  expected?: number,
): Promise<PhaseFigures> {
  withinDeadline(name);
  const figures: PhaseFigures = { samples: [], wallMs: 0, errors: [] };
  figures.wallMs = await withClients(items, CLIENTS, async (item) => {
    try {
      const answer = (await timed(figures.samples, () => request(item))) as {
        status?: number;
        body?: unknown;
      };
      if (expected !== undefined && answer.status !== expected)
        figures.errors.push(`${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    } catch (error) {
      figures.errors.push(String(error).slice(0, 300));
    }
  });
  progress(line(name, figures));
  return figures;
}

/** A line on stderr as soon as it is known (Jest prints console.log only when the test ends). */
const progress = (text: string) =>
  process.stderr.write(`[many-agencies ${new Date().toISOString().slice(11, 19)}] ${text}\n`);

const perSecond = (f: PhaseFigures) => (f.samples.length / (f.wallMs / 1000)).toFixed(1);
const line = (name: string, f: PhaseFigures) =>
  `  ${name.padEnd(34)} ${String(f.samples.length).padStart(5)} in ${(f.wallMs / 1000).toFixed(1).padStart(6)} s = ` +
  `${perSecond(f).padStart(6)}/s  p50 ${summary(f.samples).p50.padStart(7)}  p95 ${summary(f.samples).p95.padStart(7)}  ` +
  `max ${summary(f.samples).max.padStart(7)} ms  errors ${f.errors.length}`;
const merge = (...all: PhaseFigures[]): PhaseFigures => ({
  samples: all.flatMap((f) => f.samples),
  wallMs: all.reduce((sum, f) => sum + f.wallMs, 0),
  errors: all.flatMap((f) => f.errors),
});

/** Resident memory of a process, from /proc (Linux), in MB. */
function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/**
 * A workflow family's histories (the root and every child started in them, recursively), read again
 * until two reads a second apart hold the same number of events: the work a step set off has landed.
 */
async function settledFamily(env: TestWorkflowEnvironment, rootId: string): Promise<FamilyHistory[]> {
  const read = async () => {
    const family: FamilyHistory[] = [];
    const ids = [rootId];
    for (let i = 0; i < ids.length; i++) {
      const events = (await env.client.workflow.getHandle(ids[i]).fetchHistory()).events ?? [];
      family.push({ workflowId: ids[i], events });
      ids.push(...childIdsIn(events).filter((id) => !ids.includes(id)));
    }
    return family;
  };
  const size = (family: FamilyHistory[]) => family.reduce((n, h) => n + h.events.length, 0);
  let family = await read();
  for (let attempt = 0; attempt < 30; attempt++) {
    await new Promise((r) => setTimeout(r, 1000));
    const again = await read();
    if (size(again) === size(family)) return again;
    family = again;
  }
  return family;
}

/**
 * With QCYCLE_BENCH_HISTORIES=<dir>, the counted histories are written there (one JSON file per
 * workflow, as test/histories holds them) for a reader to check the counts by hand.
 */
function dumpFamily(name: string, family: FamilyHistory[]): void {
  const dir = process.env.QCYCLE_BENCH_HISTORIES;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  family.forEach(({ workflowId, events }, i) =>
    writeFileSync(
      join(dir, `${name}.${i}.${workflowId.replace(/[^a-zA-Z0-9-]+/g, '_')}.json`),
      JSON.stringify({ workflowId, history: temporal.api.history.v1.History.create({ events }) }),
    ),
  );
}

/** The phases of the comparison, and the counted steps each is made of. */
const PHASES: { phase: string; steps: (step: string) => boolean }[] = [
  { phase: 'start (untimed in the baseline: it only starts its parent)', steps: (s) => s === 'start' },
  { phase: 'approve', steps: (s) => s === 'approve' },
  { phase: 'assignment accept', steps: (s) => s === 'assignment accept' },
  { phase: 'unit accept (all)', steps: (s) => s.startsWith('unit accept') },
  { phase: 'January report', steps: (s) => s === 'January report' },
];

/**
 * Per phase, the commands (and workflow tasks) qcycle's step caused, where, next to what the
 * same-commands baseline issued for it, both counted from their own histories in this run.
 */
function commandsTable(
  qcycle: {
    steps: CountedStep[];
    unattributed: Record<string, { commands: CommandMix; workflowTasks: number }>;
  },
  baseline: { steps: CountedStep[] },
): string[] {
  const roles = (steps: CountedStep[]) => ({
    updated: describeMix(addMixes(...steps.flatMap((s) => [s.script.beforeAnswer, s.script.afterAnswer]))),
    answer: describeMix(addMixes(...steps.map((s) => s.script.beforeAnswer))),
    parent: describeMix(addMixes(...steps.map((s) => s.script.parent))),
    started: `${steps.reduce((n, s) => n + s.script.started.length, 0)} × ${describeMix(addMixes(...steps.flatMap((s) => s.script.started)))}`,
    elsewhere: describeMix(addMixes(...steps.map((s) => s.script.elsewhere))),
    tasks: (['updated', 'parent', 'started', 'elsewhere'] as const)
      .map((where) => steps.reduce((n, s) => n + s.workflowTasks[where], 0))
      .join(' / '),
  });
  const lines = [
    "commands per step, counted from one organisation's histories (qcycle: the cycle and its children; same: the baseline's):",
    '  updated = the workflow that took the Update (before the answer: "answer waits for"); parent = the cycle\'s',
    '  reaction; started = children the step started (count × their opening commands); elsewhere = other workflows;',
    '  workflow tasks = updated / parent / started / elsewhere',
  ];
  for (const { phase, steps } of PHASES) {
    const q = roles(qcycle.steps.filter((s) => steps(s.step)));
    const b = roles(baseline.steps.filter((s) => steps(s.step)));
    const same = (['updated', 'parent', 'started', 'elsewhere'] as const).every((k) => q[k] === b[k]);
    lines.push(
      `  ${phase} — commands ${same ? 'the same' : 'DIFFERENT'}`,
      `    qcycle: updated ${q.updated} (answer waits for ${q.answer}) | parent ${q.parent} | started ${q.started} | elsewhere ${q.elsewhere} | workflow tasks ${q.tasks}`,
      `    same:   updated ${b.updated} (answer waits for ${b.answer}) | parent ${b.parent} | started ${b.started} | elsewhere ${b.elsewhere} | workflow tasks ${b.tasks}`,
    );
  }
  for (const [cause, { commands, workflowTasks }] of Object.entries(qcycle.unattributed))
    lines.push(`  qcycle, no step (${cause}): ${describeMix(commands)}, ${workflowTasks} workflow tasks`);
  return lines;
}

describe(`many agencies: ${AGENCIES} organisations, ${CLIENTS} clients, ${WORKERS} worker process(es), API + worker + PostgreSQL, time-skipping server`, () => {
  let env: TestWorkflowEnvironment;
  let suite: ApiSuite;
  let bareWorker: Worker | undefined;
  const workerProcesses: ChildProcess[] = [];
  let bareWorkerRun: Promise<void> | undefined;

  beforeAll(async () => {
    progress(`${AGENCIES} organisations, ${CLIENTS} clients`);
    env = await startTimeSkippingEnvironment();
    suite = await startApiSuite({
      worker: true,
      temporal: env,
      // Writes are rate limited per person (default 120 a minute); with a thousand organisations'
      // people that is not what is measured. The counter is still written on every completion.
      config: { http: { rateLimit: { loginPerMinute: 10, writesPerMinute: 1_000_000 } } },
    });
    // More qcycle workers in processes of their own, polling the same task queue.
    for (let i = 1; i < WORKERS; i++) {
      const worker = spawn(
        process.execPath,
        [
          '-r',
          join(__dirname, 'support', 'register-ts.cjs'),
          join(__dirname, 'support', 'worker-process.ts'),
        ],
        {
          env: {
            ...process.env,
            DATABASE_URL: suite.config.database.url,
            TEMPORAL_ADDRESS: env.address,
            TEMPORAL_TASK_QUEUE: suite.config.temporal.taskQueue,
            QCYCLE_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      workerProcesses.push(worker);
      await new Promise<void>((resolve, reject) => {
        worker.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        worker.once('exit', (code) => reject(new Error(`worker process ${i} exited with ${code}`)));
      });
      progress(`worker process ${i} (pid ${worker.pid}) polls ${suite.config.temporal.taskQueue}`);
    }
  });

  afterAll(async () => {
    for (const worker of workerProcesses) {
      if (worker.exitCode !== null || worker.signalCode !== null) continue;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    bareWorker?.shutdown();
    await bareWorkerRun?.catch(() => undefined);
    await suite?.close();
  });

  it(
    'drives every cycle through approval, assignment and January, next to bare and same-commands baselines',
    async () => {
      const dataSource = suite.api.get(DataSource);
      const tokens = suite.api.get(TokenService);
      const prefix = `a${uniqueSuffix().slice(0, 6)}-`;
      const codes = Array.from({ length: AGENCIES }, (_, i) => `${prefix}${i}`);
      const serverPid = (env as unknown as { serverProcess?: ChildProcess }).serverProcess?.pid;
      const memory = { rssPeakMb: 0, serverPeakMb: 0 };
      const sampler = setInterval(() => {
        memory.rssPeakMb = Math.max(memory.rssPeakMb, process.memoryUsage().rss / 2 ** 20);
        memory.serverPeakMb = Math.max(memory.serverPeakMb, rssMb(serverPid) || 0);
      }, 250);

      // ---- the directories and sessions (not timed: seeding and signing in are not what is measured)
      // One bcrypt hash for every organisation's demo users, as each seed would make the same one.
      const passwordHash = await suite.api.get(PasswordHasher).hash(DEMO_PASSWORD);
      const sameHash = { hash: async () => passwordHash } as unknown as PasswordHasher;
      const seeding = Date.now();
      await withClients(codes, 4, async (code) => {
        await seedDemoDirectory(dataSource, sameHash, {
          organisationCode: code,
          emailDomain: `${code}.qcycle.test`,
        });
      });
      const seedSeconds = (Date.now() - seeding) / 1000;
      // Sessions issued as the login does after the password check (a bcrypt compare per person would
      // take minutes at N = 1,000 on 2 cores, and is covered by the login's own tests).
      const session = new Map<string, string>(); // user id → bearer token
      const localOf = new Map<string, string>(); // user id → the part of the e-mail before the @
      const userIdOf = new Map<string, string>(); // `${code}/${local}` → user id
      for (const user of await dataSource
        .getRepository(UserEntity)
        .findBy({ organisationCode: Like(`${prefix}%`) })) {
        session.set(user.id, (await tokens.issueLocal(user)).accessToken);
        localOf.set(user.id, user.email.split('@')[0]);
        userIdOf.set(`${user.organisationCode}/${user.email.split('@')[0]}`, user.id);
      }
      const as = (userId: string, method: string, path: string, body?: unknown) =>
        suite.http.call(method, path, { token: session.get(userId), body });
      const complete = (task: TaskEntity, outcome: unknown) =>
        as(task.assigneeUserId, 'POST', taskPath(task.id, '/complete'), { outcome });

      const tasksRepo = dataSource.getRepository(TaskEntity);
      /** Waits (not timed) until `count` open tasks of that kind exist for the bench's cycles. */
      const openTasks = async (
        kind: string,
        count: number,
        options: { periodKey?: string; letDaysPass?: boolean } = {},
      ): Promise<TaskEntity[]> => {
        for (let attempt = 0; attempt < 3000; attempt++) {
          withinDeadline(`${count} open ${kind} tasks`);
          const found = await tasksRepo.find({
            where: {
              cycleId: Like(`${prefix}%`),
              kind,
              status: 'open',
              ...(options.periodKey ? { periodKey: options.periodKey } : {}),
            },
            order: { cycleId: 'ASC', id: 'ASC' },
          });
          if (found.length >= count) return found;
          if (options.letDaysPass && attempt % 20 === 19) await env.sleep('1 day');
          else await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error(`fewer than ${count} open ${kind} tasks`);
      };

      // ---- qcycle over HTTP ---------------------------------------------------------------------------
      const start = await phase(
        'start cycle (POST /cycles)',
        codes,
        (code) =>
          as(userIdOf.get(`${code}/qmr`)!, 'POST', '/api/v1/cycles', {
            organisationCode: code,
            year: 2024,
            templateId: 'kontum-2024',
            rehearsal: true,
          }),
        201,
      );

      // The first organisation's commands are counted per step (below): before each phase its cycle
      // has finished what the previous step set off, so that no workflow task mixes two steps.
      const cycleId = qualityCycleWorkflowId(codes[0], 2024);
      const settled = () => settledFamily(env, cycleId);
      const approveTasks = await openTasks('objectives-approval', AGENCIES);
      await settled();
      const approve = await phase(
        'approve',
        approveTasks,
        (task) =>
          complete(task, { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' }),
        200,
      );

      const acceptances = await openTasks('assignment-acceptance', AGENCIES);
      await settled();
      const delegations = (acceptances[0].form!.objectives as { id: string; proposedUnitCode: string }[]).map(
        (o) => ({
          objectiveId: o.id,
          unitCode: o.proposedUnitCode,
        }),
      );
      const unitsPerCycle = new Set(delegations.map((d) => d.unitCode)).size;
      const assign = await phase(
        'assignment accept',
        acceptances,
        (task) => complete(task, { accepted: true, delegations }),
        200,
      );

      const unitTasks = await openTasks('unit-acceptance', AGENCIES * unitsPerCycle);
      await settled();
      const units = await phase('unit accept', unitTasks, (task) => complete(task, { accepted: true }), 200);

      // January ends a month after the rehearsal's 1 January: let the days pass for every cycle at once.
      const skipping = Date.now();
      await env.sleep('28 days');
      const januaryTasks = await openTasks('measurement-report', AGENCIES, {
        periodKey: '2024-01',
        letDaysPass: true,
      });
      await settled();
      const skipSeconds = (Date.now() - skipping) / 1000;
      progress(`January's reports open after ${skipSeconds.toFixed(1)} s of skipped days`);
      const reports = await phase(
        'January report',
        januaryTasks,
        (task) =>
          complete(task, {
            figures: (task.form!.indicators as { id: string }[]).map((indicator) => ({
              indicatorId: indicator.id,
              numerator: 9,
              denominator: 10,
            })),
            evidence: [`BC-${task.periodKey}`],
          }),
        200,
      );
      const qcycleRssMb = process.memoryUsage().rss / 2 ** 20;
      const qcycleHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
      const serverAfterQcycleMb = rssMb(serverPid);
      const workerProcessesMb = workerProcesses.map((w) => rssMb(w.pid).toFixed(0));

      // ---- the commands qcycle issued per step, from the first organisation's histories -----------------
      // The cycle and all its children, once nothing more is being written to them (the report's
      // after-answer commands and the cycle's reaction land after the last answer).
      const monitoredId = childWorkflowIds.monitoring(cycleId, januaryTasks[0].objectiveId!);
      const qcycleFamily = await settled();
      dumpFamily('qcycle', qcycleFamily);
      const qcycleCounted = commandsPerStep(qcycleFamily, cycleId, (workflowId, n) =>
        workflowId === childWorkflowIds.approval(cycleId) && n === 0
          ? 'approve'
          : workflowId === childWorkflowIds.assignment(cycleId)
            ? n === 0
              ? 'assignment accept'
              : `unit accept ${n}`
            : workflowId === monitoredId && n === 0
              ? 'January report'
              : undefined,
      );
      const scriptOf = (step: string) => {
        const counted = qcycleCounted.steps.find((s) => s.step === step);
        if (!counted) throw new Error(`no ${step} in the first organisation's histories`);
        return counted.script;
      };
      // The baseline names its children by the order its parent started them, as the cycle did.
      const qcycleChildren = childIdsIn(qcycleFamily.find((h) => h.workflowId === cycleId)!.events);
      const sameChild = (code: string, qcycleChildId: string) => {
        const ordinal = qcycleChildren.indexOf(qcycleChildId);
        if (ordinal < 0) throw new Error(`the cycle did not start ${qcycleChildId}`);
        return `${sameId(code)}/child-${ordinal}`;
      };
      const sameId = (code: string) => `bench-same/${code}`;

      // ---- who did the work, and was each outcome recorded once ------------------------------------------
      const byWorker: Record<string, { workflowTasks: number; activities: number }> = {};
      await withClients(codes.slice(0, SPREAD_SAMPLE), 4, async (code) => {
        const id = qualityCycleWorkflowId(code, 2024);
        for (const workflowId of [
          id,
          childWorkflowIds.approval(id),
          childWorkflowIds.assignment(id),
          childWorkflowIds.monitoring(id, januaryTasks[0].objectiveId!),
        ])
          for (const event of (await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []) {
            const started =
              event.workflowTaskStartedEventAttributes ?? event.activityTaskStartedEventAttributes;
            if (!started) continue;
            const worker = (byWorker[started.identity ?? '?'] ??= { workflowTasks: 0, activities: 0 });
            if (event.workflowTaskStartedEventAttributes) worker.workflowTasks++;
            else worker.activities++;
          }
      });
      const januaryFigures = januaryTasks.reduce((n, t) => n + (t.form!.indicators as unknown[]).length, 0);

      // ---- baselines on the same server ---------------------------------------------------------------
      const taskQueue = `bench-bare-${uniqueSuffix()}`;
      bareWorker = await Worker.create({
        connection: await NativeConnection.connect({ address: env.address }),
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowsPath: join(__dirname, 'support', 'bare-workflows.ts'),
        activities: { benchRecord: async () => undefined },
        // The same workflow cache as qcycle's worker (TEMPORAL_MAX_CACHED_WORKFLOWS' default).
        maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
      });
      bareWorkerRun = bareWorker.run();
      const client = env.client;
      const bareId = (code: string) => `bench-bare/${code}`;
      const bareStart = await phase('bare: start workflow', codes, async (code) => {
        await client.workflow.start('bareUpdatesWorkflow', { taskQueue, workflowId: bareId(code) });
      });
      /** Waits (not timed) until every organisation's baseline workflow for the next phase answers a query. */
      const loaded = async (workflowIds: string[]) =>
        withClients(workflowIds, CLIENTS, async (workflowId) => {
          for (let attempt = 1; ; attempt++) {
            // A child exists only once its parent's workflow task has started it (at N = 1,000 the
            // worker takes minutes to start 3,000 monitoring children and their 20,000 timers): up to
            // ten minutes, as qcycle's tasks are waited for.
            const answered = await client.workflow
              .getHandle(workflowId)
              .query(bareStepsQuery)
              .then(
                () => true,
                (error: unknown) => (attempt < 6000 ? false : Promise.reject(error)),
              );
            if (answered) break;
            await new Promise((r) => setTimeout(r, 100));
          }
        });
      await loaded(codes.map(bareId));
      const update = (workflowId: string, updateId: string, script?: StepScript) =>
        client.workflow
          .getHandle(workflowId)
          .executeUpdate(bareStepUpdate, { updateId, args: [script ?? null] });
      const orgSteps = (codesPerStep: number) =>
        codes.flatMap((code) => Array.from({ length: codesPerStep }, (_, i) => ({ code, i })));
      const bare = {
        approve: await phase('bare: approve', codes, (code) => update(bareId(code), 'approve')),
        assign: await phase('bare: assign', codes, (code) => update(bareId(code), 'assign')),
        units: await phase('bare: units', orgSteps(unitsPerCycle), ({ code, i }) =>
          update(bareId(code), `unit-${i}`),
        ),
        reports: await phase('bare: reports', codes, (code) => update(bareId(code), 'report')),
      };
      // Started only now: their start scripts (records, the first child and its opening) would
      // otherwise run under the bare phases.
      const sameStart = await phase('same: start workflow', codes, async (code) => {
        await client.workflow.start('sameCommandsCycleWorkflow', {
          taskQueue,
          workflowId: sameId(code),
          args: [scriptOf('start')],
        });
      });
      const approvalOf = (code: string) => sameChild(code, childWorkflowIds.approval(cycleId));
      const assignmentOf = (code: string) => sameChild(code, childWorkflowIds.assignment(cycleId));
      const monitoringOf = (code: string) => sameChild(code, monitoredId);
      const sameSettled = () => settledFamily(env, sameId(codes[0]));
      await loaded(codes.map(approvalOf));
      await sameSettled();
      const sameApprove = await phase('same: approve', codes, (code) =>
        update(approvalOf(code), 'approve', scriptOf('approve')),
      );
      await loaded(codes.map(assignmentOf));
      await sameSettled();
      const sameAssign = await phase('same: assign', codes, (code) =>
        update(assignmentOf(code), 'assign', scriptOf('assignment accept')),
      );
      await sameSettled();
      const sameUnits = await phase('same: units', orgSteps(unitsPerCycle), ({ code, i }) =>
        update(assignmentOf(code), `unit-${i}`, scriptOf(`unit accept ${i + 1}`)),
      );
      await loaded(codes.map(monitoringOf));
      await sameSettled();
      const sameReports = await phase('same: reports', codes, (code) =>
        update(monitoringOf(code), 'report', scriptOf('January report')),
      );
      const same = { approve: sameApprove, assign: sameAssign, units: sameUnits, reports: sameReports };
      // The records are counted only now: what a step writes after its answer (a report's
      // measurements, the next tasks) has had the baselines' minutes to land, also at N = 1,000.
      const [records] = (await dataSource.query(
        `SELECT
         (SELECT count(*) FROM tasks WHERE cycle_id LIKE $1 AND status = 'completed') AS "completedTasks",
         (SELECT count(*) FROM event_log WHERE cycle_id LIKE $1 AND type = 'task.completed') AS "completedEvents",
         (SELECT count(*) FROM decisions WHERE cycle_id LIKE $1) AS "decisions",
         (SELECT count(*) FROM measurements WHERE cycle_id LIKE $1 AND period_key = '2024-01') AS "januaryMeasurements",
         (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE cycle_id LIKE $1
            GROUP BY task_id, reason, recipient_user_id HAVING count(*) > 1) repeated) AS "repeatedNotifications"`,
        [`${prefix}%`],
      )) as Record<string, string>[];
      const recorded = Object.fromEntries(Object.entries(records).map(([k, v]) => [k, Number(v)]));
      // Nothing done twice, task by task: every task the clients completed is completed, with exactly
      // one task.completed record (whichever worker process ran its Update and its record).
      const answeredTaskIds = [...approveTasks, ...acceptances, ...unitTasks, ...januaryTasks].map(
        (t) => t.id,
      );
      const [perTask] = (await dataSource.query(
        `SELECT count(*) AS "tasks",
           count(*) FILTER (WHERE t.status <> 'completed') AS "notCompleted",
           count(*) FILTER (WHERE coalesce(e.n, 0) <> 1) AS "notRecordedOnce"
         FROM tasks t
         LEFT JOIN (SELECT payload::json->>'taskId' AS task_id, count(*) AS n FROM event_log
                    WHERE cycle_id LIKE $1 AND type = 'task.completed' GROUP BY 1) e ON e.task_id = t.id
         WHERE t.id = ANY($2)`,
        [`${prefix}%`, answeredTaskIds],
      )) as Record<string, string>[];
      const onceByTask = Object.fromEntries(Object.entries(perTask).map(([k, v]) => [k, Number(v)]));
      // What the baseline itself issued per step, counted from its own histories the same way.
      const baselineFamily = await sameSettled();
      dumpFamily('same-commands', baselineFamily);
      const baselineCounted = commandsPerStep(baselineFamily, sameId(codes[0]), (workflowId, n) =>
        workflowId === approvalOf(codes[0]) && n === 0
          ? 'approve'
          : workflowId === assignmentOf(codes[0])
            ? n === 0
              ? 'assignment accept'
              : `unit accept ${n}`
            : workflowId === monitoringOf(codes[0]) && n === 0
              ? 'January report'
              : undefined,
      );
      clearInterval(sampler);

      // ---- figures --------------------------------------------------------------------------------------
      const qcycle = merge(approve, assign, units, reports);
      const bareAll = merge(...Object.values(bare));
      const sameAll = merge(...Object.values(same));
      const ratio = (a: PhaseFigures, b: PhaseFigures) =>
        `${(Number(perSecond(a)) / Number(perSecond(b))).toFixed(2)}× the throughput, p95 ${(
          quantile(a.samples, 0.95) / quantile(b.samples, 0.95)
        ).toFixed(1)}×`;
      console.log(
        [
          `many agencies: ${AGENCIES} organisations, ${CLIENTS} concurrent clients, time-skipping server, records in PostgreSQL`,
          `  seeded ${AGENCIES} directories in ${seedSeconds.toFixed(1)} s; let the January days pass in ${skipSeconds.toFixed(1)} s (${unitsPerCycle} units per cycle)`,
          'qcycle over HTTP (POST, answered):',
          line('start cycle (POST /cycles)', start),
          line('approve', approve),
          line('assignment accept', assign),
          line('unit accept', units),
          line('January report', reports),
          line('all completions', qcycle),
          'bare Updates on a minimal workflow (same counts):',
          line('start workflow', bareStart),
          ...Object.entries(bare).map(([name, f]) => line(name, f)),
          line('all', bareAll),
          'same commands as each qcycle step (parent + child per phase):',
          line('start workflow (+3 children)', sameStart),
          ...Object.entries(same).map(([name, f]) => line(name, f)),
          line('all', sameAll),
          ...commandsTable(qcycleCounted, baselineCounted),
          'ratios:',
          `  qcycle completions vs same commands: ${ratio(qcycle, sameAll)}`,
          `  qcycle completions vs bare Updates:  ${ratio(qcycle, bareAll)}`,
          `  same commands vs bare Updates:       ${ratio(sameAll, bareAll)}`,
          `work by worker (workflow tasks and activities started, in ${Math.min(SPREAD_SAMPLE, AGENCIES)} organisations' cycle, approval, assignment and monitoring histories):`,
          ...Object.entries(byWorker).map(
            ([identity, w]) =>
              `  ${identity.padEnd(30)} ${w.workflowTasks} workflow tasks, ${w.activities} activities`,
          ),
          `recorded once: ${recorded.completedTasks} tasks completed (answered ${qcycle.samples.length}), ${recorded.completedEvents} task.completed events, ` +
            `${recorded.decisions} decisions (cycles ${AGENCIES}), ${recorded.januaryMeasurements} January measurements (figures sent ${januaryFigures}), ` +
            `${recorded.repeatedNotifications} notifications sent twice`,
          `recorded once, task by task: of the ${onceByTask.tasks} tasks answered, ${onceByTask.notCompleted} not completed, ` +
            `${onceByTask.notRecordedOnce} without exactly one task.completed record`,
          'memory (MB):',
          `  bench process (API + qcycle worker + clients) after qcycle's phases: RSS ${qcycleRssMb.toFixed(0)}, heap ${qcycleHeapMb.toFixed(0)}; peak RSS over the run ${memory.rssPeakMb.toFixed(0)}`,
          ...(workerProcessesMb.length
            ? [`  the other worker processes after qcycle's phases: RSS ${workerProcessesMb.join(', ')}`]
            : []),
          `  time-skipping server (JVM) after qcycle's phases: RSS ${serverAfterQcycleMb.toFixed(0)}; peak ${memory.serverPeakMb.toFixed(0)}`,
          report('per-request times of all qcycle completions (ms):', { completions: qcycle.samples }),
        ].join('\n'),
      );
      const errors = [start, qcycle, bareStart, sameStart, bareAll, sameAll].flatMap((f) => f.errors);
      if (errors.length) console.log(`first errors:\n  ${errors.slice(0, 10).join('\n  ')}`);
      expect(errors).toEqual([]);
      expect(onceByTask).toEqual({ tasks: answeredTaskIds.length, notCompleted: 0, notRecordedOnce: 0 });
      expect(reports.samples).toHaveLength(AGENCIES);
    },
    600_000 + AGENCIES * 2_000,
  );
});
