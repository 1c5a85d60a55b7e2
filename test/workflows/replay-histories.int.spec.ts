import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle } from '@qcycle/testing';

const HISTORIES = join(__dirname, '..', 'histories');

/**
 * Every history under test/histories, recorded from earlier versions of the workflows, replays on
 * today's workflow code without a nondeterminism error: a deploy never breaks a cycle in flight.
 * The files are protobufjs JSON of the History (`{ workflowId, history }` with `JSON.stringify`), read back with
 * `History.fromObject`. See docs/versioning.md for how to record new ones and when to use `patched()`.
 */
describe('recorded cycle histories replay on the current workflow code', () => {
  const files = readdirSync(HISTORIES)
    .filter((name) => name.endsWith('.json'))
    .sort();

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  // Bundling the workflows and replaying every year takes about 40 s alone; two full runs sharing the
  // 2 cores took it past Jest's 120 s. The time allowed is the work's, never a measure of it.
  it('replays each of them deterministically', async () => {
    const histories = files.map((file) => {
      const recorded = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) as {
        workflowId: string;
        history: object;
      };
      // The workflow id matters: task ids are derived from it.
      return {
        workflowId: recorded.workflowId,
        history: temporal.api.history.v1.History.fromObject(recorded.history),
      };
    });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: testWorkflowBundle() },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
