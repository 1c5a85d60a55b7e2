import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { CONTENT_ENCODINGS, preferredEncoding, type ContentEncoding } from './content-encoding';

/** Paths the API answers itself: never files of the web app, never its index.html. */
const API_PREFIXES = ['/api', '/health'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Vite's hashed build output: a new build gets new names, so a year of caching is safe. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always asked again, so a deploy shows at once. */
const REVALIDATE = 'no-cache';

export const WEB_APP_NOT_BUILT =
  'qcycle: the web app is not built.\n\n' +
  'Build it with `npm run build:web` (it goes to dist/web, or WEB_DIST_DIR) and reload this page.\n' +
  'The API is running: /api/v1, its documentation at /api/docs, health at /health.\n';

/**
 * The repository (or the installed app's) root: the nearest folder above this file whose package.json
 * is qcycle's. The same from apps/api/src under Jest and from dist/apps/api/src in a container, and
 * independent of the directory the process was started in.
 */
export function qcycleRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'qcycle') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** The file extension of each encoding's copy, as the build writes them (apps/web/precompress.plugin.ts). */
const ENCODED_COPY: Record<ContentEncoding, string> = { br: '.br', gzip: '.gz' };

/**
 * Serves the built web app (a React SPA) on the API's origin: its files as they are (or the build's
 * brotli or gzip copy of them, to a browser that accepts it), hashed assets under /assets cached
 * for a year, and for every other GET outside /api and /health its index.html (or the build's
 * landing page for that path, e.g. tasks.html for the e-mailed links), so the SPA's own routes
 * (/sign-in, /tasks/…, /cycles/…/audit) load on a reload or from a link.
 * Requests under /api and /health go on to the API (an unknown one gets the API's JSON 404). Without
 * a build, the SPA's paths answer a short page saying how to build it; the API works regardless.
 */
export function webAppMiddleware(distDir: string) {
  const root = resolve(distDir);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.path;
    if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return next();

    const file = fileOf(root, path);
    if (file) {
      const hashed = isHashedAsset(path);
      return send(request, response, file.path, file.stats, hashed ? IMMUTABLE : REVALIDATE, hashed);
    }
    // A missing script or stylesheet is a 404, not the SPA's page (which the browser would refuse anyway).
    if (isHashedAsset(path) || path === '/favicon.ico') {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    const page = landingPageOf(root, path) ?? join(root, 'index.html');
    const stats = statOrUndefined(page);
    if (!stats?.isFile()) {
      response
        .status(path === '/' ? 200 : 404)
        .set('cache-control', REVALIDATE)
        .type('text/plain')
        .send(WEB_APP_NOT_BUILT);
      return;
    }
    send(request, response, page, stats, REVALIDATE, false);
  };
}

/**
 * The build's page for the SPA paths under a prefix, when it has one (`/tasks/…` → tasks.html): the
 * index.html that also has the browser fetch that page's chunks with the entry script
 * (apps/web/landing-pages.plugin.ts).
 */
function landingPageOf(root: string, path: string): string | undefined {
  const prefix = /^\/([a-z][a-z-]*)\/./.exec(path)?.[1];
  if (!prefix) return undefined;
  const page = join(root, `${prefix}.html`);
  return statOrUndefined(page)?.isFile() ? page : undefined;
}

function isHashedAsset(path: string): boolean {
  return path.startsWith('/assets/');
}

/** The regular file under `root` this URL path names, if any (never outside root, never a dotfile). */
function fileOf(root: string, urlPath: string): { path: string; stats: Stats } | undefined {
  if (urlPath === '/' || urlPath.endsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split('/').some((segment) => segment.startsWith('.')))
    return undefined;
  const path = resolve(root, `.${decoded}`);
  if (!path.startsWith(root + sep)) return undefined;
  const stats = statOrUndefined(path);
  return stats?.isFile() ? { path, stats } : undefined;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Sends a file with its type, caching and Last-Modified (answering 304 when the browser's copy is
 * as new); for a hashed asset (`offerEncodedCopies`), the build's brotli or gzip copy of it when the
 * browser accepts one.
 */
function send(
  request: Request,
  response: Response,
  path: string,
  stats: Stats,
  cacheControl: string,
  offerEncodedCopies: boolean,
): void {
  const lastModified = stats.mtime.toUTCString();
  response.set({
    'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'last-modified': lastModified,
  });
  // The build compresses the scripts and stylesheets once, at its best levels (on a 3G link the
  // first page's JavaScript is about a quarter of its size as brotli); what a browser is sent
  // depends on what it accepts, so every answer for such a file says so, 304s included.
  const copies = offerEncodedCopies ? encodedCopiesOf(path) : new Map<ContentEncoding, EncodedCopy>();
  if (copies.size > 0) response.vary('Accept-Encoding');
  const since = request.header('if-modified-since');
  if (since && Date.parse(since) >= Math.floor(stats.mtimeMs / 1000) * 1000) {
    response.status(304).end();
    return;
  }
  const encoding = preferredEncoding(request.header('accept-encoding'), [...copies.keys()]);
  const sent = encoding ? copies.get(encoding)! : { path, stats };
  if (encoding) response.set('content-encoding', encoding);
  response.set('content-length', String(sent.stats.size));
  if (request.method === 'HEAD') {
    response.status(200).end();
    return;
  }
  response.status(200);
  createReadStream(sent.path)
    .on('error', () => response.destroy())
    .pipe(response);
}

interface EncodedCopy {
  path: string;
  stats: Stats;
}

/**
 * The build's compressed copies of a hashed asset (`x.js.br`, `x.js.gz`), by encoding. Only hashed
 * assets are offered theirs: their content never changes under their name, so a copy cannot be
 * older than its file (index.html, which a deploy may replace in place, is sent as it is; it is
 * half a kilobyte).
 */
function encodedCopiesOf(path: string): Map<ContentEncoding, EncodedCopy> {
  const copies = new Map<ContentEncoding, EncodedCopy>();
  for (const encoding of CONTENT_ENCODINGS) {
    const copy = `${path}${ENCODED_COPY[encoding]}`;
    const stats = statOrUndefined(copy);
    if (stats?.isFile()) copies.set(encoding, { path: copy, stats });
  }
  return copies;
}
