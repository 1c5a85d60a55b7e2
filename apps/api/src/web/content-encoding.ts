/** The encodings qcycle sends, best first: brotli is about a sixth smaller than gzip on the app's scripts. */
export const CONTENT_ENCODINGS = ['br', 'gzip'] as const;
export type ContentEncoding = (typeof CONTENT_ENCODINGS)[number];

/**
 * The encoding to answer in, of those `available` (in qcycle's order of preference), by the
 * request's Accept-Encoding: the one the client weighs highest, qcycle's order between equals; none
 * (the bytes as they are) when the header is absent or refuses them all (`q=0`). Browsers list
 * `gzip, deflate, br, zstd`, all of weight 1: they get brotli.
 */
export function preferredEncoding(
  acceptEncoding: string | undefined,
  available: readonly ContentEncoding[] = CONTENT_ENCODINGS,
): ContentEncoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!coding) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  let chosen: ContentEncoding | undefined;
  let chosenWeight = 0;
  for (const coding of available) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > chosenWeight) {
      chosen = coding;
      chosenWeight = weight;
    }
  }
  return chosen;
}
