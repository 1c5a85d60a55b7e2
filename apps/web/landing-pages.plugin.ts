import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin, Rollup } from 'vite';

/**
 * For each path prefix (`/tasks/`), writes `<prefix>.html` (`tasks.html`) beside index.html: the
 * same page, whose head also names the page's own chunks (`modulepreload`) and stylesheets, so that
 * the browser fetches them with the app's entry script instead of after it. The API answers the
 * prefix's paths with that file (apps/api/src/web/web-app.middleware.ts).
 *
 * For the e-mailed task link: on 3G the task page's code waited for the entry script to arrive
 * and run, then for a round trip of its own, before the link could be exchanged for the task
 * (bench/slow-link.bench.ts). Only pages opened from outside the app are worth one: within it, the
 * entry is already there.
 */
export function landingPages(pages: Record<string, string>): Plugin {
  let root = '';
  return {
    name: 'qcycle-landing-pages',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async writeBundle(options, bundle) {
      const chunks = Object.values(bundle).filter(
        (file): file is Rollup.OutputChunk => file.type === 'chunk',
      );
      const entry = chunks.find((chunk) => chunk.isEntry);
      const index = bundle['index.html'];
      if (!entry || index?.type !== 'asset') this.error('no entry chunk, or no index.html');
      const loadedWithEntry = closureOf(entry.fileName, bundle);
      for (const [prefix, module] of Object.entries(pages)) {
        const page = chunks.find((chunk) => chunk.facadeModuleId === resolve(root, module));
        if (!page) this.error(`${module} (the page of ${prefix}) is not a chunk of its own`);
        const scripts = [...closureOf(page.fileName, bundle)].filter((file) => !loadedWithEntry.has(file));
        const styles = scripts.flatMap((file) => [
          ...((bundle[file] as Rollup.OutputChunk).viteMetadata?.importedCss ?? []),
        ]);
        const links = [
          ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
          ...styles.map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`),
        ].join('\n    ');
        await writeFile(
          join(options.dir!, `${prefix.replace(/^\/|\/$/g, '')}.html`),
          String(index.source).replace('</head>', `  ${links}\n  </head>`),
        );
      }
    },
  };
}

/** A chunk and every chunk it imports statically, transitively (file names). */
function closureOf(fileName: string, bundle: Rollup.OutputBundle, seen = new Set<string>()): Set<string> {
  if (seen.has(fileName)) return seen;
  seen.add(fileName);
  const chunk = bundle[fileName];
  if (chunk?.type === 'chunk') for (const imported of chunk.imports) closureOf(imported, bundle, seen);
  return seen;
}
