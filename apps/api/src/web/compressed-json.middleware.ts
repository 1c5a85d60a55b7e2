import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { preferredEncoding, type ContentEncoding } from './content-encoding';

/**
 * Below this a JSON answer goes as it is: the headers of every answer are already about 800 bytes,
 * and a few hundred bytes saved are not worth the client's and the server's work.
 */
export const COMPRESSED_JSON_MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

const compress: Record<ContentEncoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5: about a tenth larger than the best, a millisecond or two per 100 KB.
  br: (body) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => gzipped(body, { level: 6 }),
};

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i;

/**
 * The API's JSON answers of a kilobyte or more, brotli- or gzip-compressed for a client that
 * accepts it (a browser always does): a cycle's objectives with their figures, a task with its
 * form, come as a quarter to a half of their size (bench/slow-link.bench.ts); on 3G, 100 KB is a
 * second. Only JSON sent whole (`res.json`, `res.send`): files (documents, evidence, CSV) are
 * streamed with their own Content-Length, ETag and x-content-sha256 and never pass here.
 *
 * The answer is compressed before Express's `send` sees it, so what Express adds is of the bytes
 * sent: Content-Length, the ETag (one per encoding, as HTTP wants), a 304 to a matching
 * If-None-Match, the headers alone to a HEAD.
 */
export function compressedJsonMiddleware() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : undefined;
      if (
        !bytes ||
        bytes.length < COMPRESSED_JSON_MIN_BYTES ||
        !JSON_TYPE.test(String(response.get('content-type') ?? '')) ||
        response.get('content-encoding')
      )
        return send(body);
      response.vary('Accept-Encoding');
      const encoding = preferredEncoding(request.header('accept-encoding'));
      if (!encoding) return send(body);
      compress[encoding](bytes).then(
        (compressed) => {
          response.set('content-encoding', encoding);
          send(compressed);
        },
        () => send(body),
      );
      return response;
    };
    next();
  };
}
