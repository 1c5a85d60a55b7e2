import { DefaultLogger, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root: the folder with workflows/src/index.ts (from src/ in dev, from dist/ when built). */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'workflows', 'src', 'index.ts'))) return dir;
  }
  throw new Error(`workflows/src/index.ts not found above ${from}`);
}

/**
 * The workflow code as Temporal runs it: one webpack bundle of workflows/src and the pure libs it
 * imports. The bundler ignores tsconfig `paths`, so the @qcycle aliases are given to webpack here.
 * Only the pure libs are aliased: a workflow that imports anything else fails to bundle.
 */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  // Looked up here, not at load time: a worker running a prebuilt bundle has no sources beside it.
  const repoRoot = findRepoRoot(__dirname);
  return bundleWorkflowCode({
    workflowsPath: join(repoRoot, 'workflows', 'src', 'index.ts'),
    webpackConfigHook: (config) => {
      config.resolve = {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string> | undefined),
          '@qcycle/domain': join(repoRoot, 'libs', 'domain', 'src'),
          '@qcycle/contracts': join(repoRoot, 'libs', 'contracts', 'src'),
        },
      };
      return config;
    },
    // webpack's build report is noise in the worker's and the tests' output; warnings still show.
    logger: new DefaultLogger('WARN'),
  });
}
