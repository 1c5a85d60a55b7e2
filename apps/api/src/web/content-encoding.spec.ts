import { preferredEncoding } from './content-encoding';

describe('preferredEncoding: what a client is sent, by its Accept-Encoding', () => {
  it.each([
    // What browsers send: every coding of weight 1, brotli chosen though listed after gzip.
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate, br', 'br'],
    // Older clients and Node's fetch over plain http.
    ['gzip, deflate', 'gzip'],
    ['gzip', 'gzip'],
    // The client's weights win over qcycle's order.
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['BR;Q=1, GZIP', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    // Refused, or nothing we have: the bytes as they are.
    ['br;q=0, gzip;q=0', undefined],
    ['identity', undefined],
    ['deflate, zstd', undefined],
    ['', undefined],
    [undefined, undefined],
    ['gzip;q=nonsense', undefined],
  ])('%s → %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });

  it('chooses only among the copies there are', () => {
    expect(preferredEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip');
    expect(preferredEncoding('br', ['gzip'])).toBeUndefined();
    expect(preferredEncoding('gzip, br', [])).toBeUndefined();
  });
});
