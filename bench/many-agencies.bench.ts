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
 *  - same commands: per organisation a parent with one child per phase, whose Updates issue the
 *                   commands counted in qcycle's own history of that step (activities, local
 *                   activities, signals to the parent, timers, child starts; before and after the
 *                   answer), with a no-op activity on a worker of the bench's own.
 *
 * With QCYCLE_BENCH_WORKERS=2 (or 3) more qcycle workers run in processes of their own on the same task
 * queue (bench/support/worker-process.ts); the bench prints who started which workflow tasks and
 * activities (from a sample of the histories). Whatever the workers, it checks from the database that
 * each outcome was recorded once: completed tasks and their events, decisions, January measurements,
 * no notification sent twice.
 *
 * QCYCLE_BENCH_AGENCIES (default 10), QCYCLE_BENCH_CLIENTS (default 16), QCYCLE_BENCH_WORKERS
 * (default 1), QCYCLE_BENCH_MINUTES (default 60: the bench stops after the phase it is in, each phase
 * prints its line on stderr when it ends). Figures only: nothing here asserts a time; it fails on
 * errors and on an outcome not recorded exactly once. Run with `npm run bench -- many-agencies`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource, Like } from 'typeorm';
import { childWorkflowIds, qualityCycleWorkflowId } from '@qcycle/contracts';
import { TaskEntity, UserEntity } from '@qcycle/persistence';
import { startTimeSkippingEnvironment, testWorkflowBundle, uniqueSuffix } from '@qcycle/testing';
import { PasswordHasher } from '../apps/api/src/auth/password-hasher';
import { TokenService } from '../apps/api/src/auth/token.service';
import { DEMO_PASSWORD, seedDemoDirectory } from '../apps/api/src/demo/demo-directory';
import { startApiSuite, type ApiSuite } from '../test/api/support/api-suite';
import { taskPath } from '../test/api/support/demo-organisation';
import { bareDoneSignal, bareStepUpdate, bareStepsQuery } from './support/bare-workflows';
import { report, summary, timed } from './support/figures';
import { commandsPerUpdate, describeMix, type StepCommands } from './support/history-commands';

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

      const approve = await phase(
        'approve',
        await openTasks('objectives-approval', AGENCIES),
        (task) =>
          complete(task, { decision: 'approve', documentNumber: '123/QĐ-UBND', signingDate: '2024-01-05' }),
        200,
      );

      const acceptances = await openTasks('assignment-acceptance', AGENCIES);
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

      const units = await phase(
        'unit accept',
        await openTasks('unit-acceptance', AGENCIES * unitsPerCycle),
        (task) => complete(task, { accepted: true }),
        200,
      );

      // January ends a month after the rehearsal's 1 January: let the days pass for every cycle at once.
      const skipping = Date.now();
      await env.sleep('28 days');
      const januaryTasks = await openTasks('measurement-report', AGENCIES, {
        periodKey: '2024-01',
        letDaysPass: true,
      });
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
      await new Promise((r) => setTimeout(r, 2000)); // the report's after-answer commands land
      const cycleId = qualityCycleWorkflowId(codes[0], 2024);
      const stepsOf = async (workflowId: string) =>
        commandsPerUpdate((await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []);
      const approvalSteps = await stepsOf(childWorkflowIds.approval(cycleId));
      const assignmentSteps = await stepsOf(childWorkflowIds.assignment(cycleId));
      const reportSteps = await stepsOf(childWorkflowIds.monitoring(cycleId, januaryTasks[0].objectiveId!));
      const mixes: { step: string; commands: StepCommands }[] = [
        { step: 'approve', commands: approvalSteps[0].commands },
        { step: 'assignment accept', commands: assignmentSteps[0].commands },
        ...assignmentSteps.slice(1).map((s, i) => ({ step: `unit accept ${i + 1}`, commands: s.commands })),
        { step: 'January report', commands: reportSteps[0].commands },
      ];

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
      const januaryFigures = januaryTasks.reduce((n, t) => n + (t.form!.indicators as unknown[]).length, 0);

      // ---- baselines on the same server ---------------------------------------------------------------
      const taskQueue = `bench-bare-${uniqueSuffix()}`;
      bareWorker = await Worker.create({
        connection: await NativeConnection.connect({ address: env.address }),
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowsPath: join(__dirname, 'support', 'bare-workflows.ts'),
        activities: { benchRecord: async () => undefined },
      });
      bareWorkerRun = bareWorker.run();
      const client = env.client;
      const bareId = (code: string) => `bench-bare/${code}`;
      const sameId = (code: string) => `bench-same/${code}`;
      const bareStart = await phase('bare: start workflow', codes, async (code) => {
        await client.workflow.start('bareUpdatesWorkflow', { taskQueue, workflowId: bareId(code) });
      });
      const sameStart = await phase('same: start workflow', codes, async (code) => {
        await client.workflow.start('sameCommandsCycleWorkflow', {
          taskQueue,
          workflowId: sameId(code),
          args: [['approval', 'assignment', 'monitoring']],
        });
      });
      // Every baseline workflow loaded on the worker before anything is timed, as qcycle's were (their
      // tasks had opened): one query each, not timed.
      await withClients(codes, CLIENTS, async (code) => {
        for (const workflowId of [
          bareId(code),
          ...['approval', 'assignment', 'monitoring'].map((p) => `${sameId(code)}/${p}`),
        ])
          for (let attempt = 1; ; attempt++) {
            // A child exists only once its parent's first workflow task has started it (at N = 1,000 the
            // worker takes tens of seconds to start them all): up to two minutes.
            const loaded = await client.workflow
              .getHandle(workflowId)
              .query(bareStepsQuery)
              .then(
                () => true,
                (error: unknown) => (attempt < 1200 ? false : Promise.reject(error)),
              );
            if (loaded) break;
            await new Promise((r) => setTimeout(r, 100));
          }
      });
      const update = (workflowId: string, updateId: string, commands?: StepCommands) =>
        client.workflow
          .getHandle(workflowId)
          .executeUpdate(bareStepUpdate, { updateId, args: [commands ?? null] });
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
      const same = {
        approve: await phase('same: approve', codes, (code) =>
          update(`${sameId(code)}/approval`, 'approve', mixes[0].commands),
        ),
        assign: await phase('same: assign', codes, (code) =>
          update(`${sameId(code)}/assignment`, 'assign', mixes[1].commands),
        ),
        units: await phase('same: units', orgSteps(unitsPerCycle), ({ code, i }) =>
          update(`${sameId(code)}/assignment`, `unit-${i}`, mixes[2 + i]?.commands),
        ),
        reports: await phase('same: reports', codes, (code) =>
          update(`${sameId(code)}/monitoring`, 'report', mixes.at(-1)!.commands),
        ),
      };
      await withClients(codes, CLIENTS, async (code) => {
        await client.workflow.getHandle(bareId(code)).signal(bareDoneSignal);
        for (const child of ['approval', 'assignment', 'monitoring'])
          await client.workflow.getHandle(`${sameId(code)}/${child}`).signal(bareDoneSignal);
      });
      clearInterval(sampler);

      // ---- figures --------------------------------------------------------------------------------------
      const qcycle = merge(approve, assign, units, reports);
      const bareAll = merge(...Object.values(bare));
      const sameAll = merge(...Object.values(same));
      const ratio = (a: PhaseFigures, b: PhaseFigures) =>
        `${(Number(perSecond(a)) / Number(perSecond(b))).toFixed(2)}× the throughput, p95 ${(
          Number(summary(a.samples).p95) / Number(summary(b.samples).p95)
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
          'commands per qcycle step (from its history; before the answer | after it):',
          ...mixes.map(
            (m) =>
              `  ${m.step.padEnd(20)} ${describeMix(m.commands.beforeAnswer).padEnd(28)} | ${describeMix(m.commands.afterAnswer)}`,
          ),
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
      expect(reports.samples).toHaveLength(AGENCIES);
    },
    600_000 + AGENCIES * 2_000,
  );
});
