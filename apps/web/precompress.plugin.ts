import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** What a browser receives as text: worth compressing (images and fonts come compressed already). */
const TEXT = new Set(['.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.webmanifest']);

/**
 * Writes beside every text file of the build's `assets/` its brotli (`.br`, quality 11) and gzip
 * (`.gz`, level 9) copy, when smaller: the API sends the copy a browser accepts
 * (apps/api/src/web/web-app.middleware.ts). Compressed once here, at levels too slow to spend on
 * every request, rather than by the server each time or not at all: qcycle's people open it on 3G in
 * commune offices, where the first page's JavaScript takes seconds per hundred kilobytes.
 * Only the hashed assets: their content never changes under their name, so a copy cannot fall
 * behind its file; index.html is half a kilobyte and replaced in place.
 */
export function precompress(): Plugin {
  let assetsDir = 'assets';
  return {
    name: 'qcycle-precompress',
    apply: 'build',
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    // After the bundle is written, and only then (a failed build writes nothing to compress).
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle).filter(
        (file) => file.startsWith(`${assetsDir}/`) && TEXT.has(extname(file)),
      );
      await Promise.all(files.map((file) => writeCompressedCopies(join(options.dir!, file))));
    },
  };
}

async function writeCompressedCopies(file: string): Promise<void> {
  const content = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (br.length < content.length) await writeFile(`${file}.br`, br);
  if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
}
