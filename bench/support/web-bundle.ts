import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One JavaScript file of the build, with its size as served raw and gzipped. */
export interface Chunk {
  /** Path under the build folder, e.g. `assets/index-Br9k6gfx.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBundle {
  /** The entry (index.html's module script) and every chunk it imports statically, transitively. */
  firstPage: Chunk[];
  /** Every other script of the build: loaded only when a page asks for it (`import()`). */
  lazy: Chunk[];
}

/** `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"` — never `import("./x.js")`. */
const STATIC_IMPORT = /(?:^|[^.\w$])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;

const gzipped = (content: Buffer) => gzipSync(content, { level: 6 }).length;

/**
 * What the first page of the built app loads: the module scripts index.html names and, followed
 * through their static imports, every chunk the browser must fetch before the first render. Dynamic
 * imports (the lazy pages) are not followed. Sizes gzipped at level 6, as a web server compresses.
 */
export function analyseWebBundle(distDir: string, allScripts: string[]): WebBundle {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g)].map((m) => m[1]);
  if (entries.length === 0) throw new Error(`no module script in ${distDir}/index.html`);
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(distDir, file), 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const target = match[1];
      if (/^[a-z]+:/i.test(target)) continue; // an absolute URL: not ours (and none may be there)
      pending.push(
        target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dirname(file), target)),
      );
    }
  }
  const chunk = (file: string): Chunk => {
    const content = readFileSync(join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipped(content) };
  };
  return {
    firstPage: [...seen].map(chunk),
    lazy: allScripts.filter((file) => !seen.has(file)).map(chunk),
  };
}
