import { createReadStream, existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

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

/**
 * Serves the built web app (a React SPA) on the API's origin: its files as they are, hashed assets
 * under /assets cached for a year, and for every other GET outside /api and /health its index.html,
 * so the SPA's own routes (/sign-in, /tasks/…, /cycles/…/audit) load on a reload or from a link.
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
    if (file)
      return send(request, response, file.path, file.stats, isHashedAsset(path) ? IMMUTABLE : REVALIDATE);
    // A missing script or stylesheet is a 404, not the SPA's page (which the browser would refuse anyway).
    if (isHashedAsset(path) || path === '/favicon.ico') {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    const index = join(root, 'index.html');
    const stats = statOrUndefined(index);
    if (!stats?.isFile()) {
      response
        .status(path === '/' ? 200 : 404)
        .set('cache-control', REVALIDATE)
        .type('text/plain')
        .send(WEB_APP_NOT_BUILT);
      return;
    }
    send(request, response, index, stats, REVALIDATE);
  };
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

function send(request: Request, response: Response, path: string, stats: Stats, cacheControl: string): void {
  const lastModified = stats.mtime.toUTCString();
  response.set({
    'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'last-modified': lastModified,
  });
  const since = request.header('if-modified-since');
  if (since && Date.parse(since) >= Math.floor(stats.mtimeMs / 1000) * 1000) {
    response.status(304).end();
    return;
  }
  response.set('content-length', String(stats.size));
  if (request.method === 'HEAD') {
    response.status(200).end();
    return;
  }
  response.status(200);
  createReadStream(path)
    .on('error', () => response.destroy())
    .pipe(response);
}
