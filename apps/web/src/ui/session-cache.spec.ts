import { FRESH_MS, SessionCache } from './session-cache';

/** A list read by hand: each read waits until the test answers it. */
function readsOf<T>() {
  const pending: { resolve: (items: readonly T[]) => void; reject: (caught: unknown) => void }[] = [];
  const read = () =>
    new Promise<readonly T[]>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { read, pending };
}

class Refused extends Error {}
const refusal = (caught: unknown) => caught instanceof Refused;

describe("a session's shared list (the organisation's units, its people)", () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('is read once for every page of the session that asks, and given at once to a page opened after', async () => {
    const { read, pending } = readsOf<string>();
    const cache = new SessionCache(read, refusal, now);
    const first = cache.ask('kontum|qmr');
    const second = cache.ask('kontum|qmr');
    expect(pending).toHaveLength(1);
    expect(cache.known('kontum|qmr')).toBeUndefined();
    pending[0].resolve(['vp-tonghop', 'vp-kiemsoat-tthc']);
    await expect(first.loading).resolves.toEqual(['vp-tonghop', 'vp-kiemsoat-tthc']);
    await expect(second.loading).resolves.toEqual(['vp-tonghop', 'vp-kiemsoat-tthc']);
    expect(cache.known('kontum|qmr')).toEqual(['vp-tonghop', 'vp-kiemsoat-tthc']);
    expect(cache.ask('kontum|qmr').items).toEqual(['vp-tonghop', 'vp-kiemsoat-tthc']);
    expect(pending).toHaveLength(1);
  });

  it('is read again when a page asks after a minute, showing the list it had meanwhile', async () => {
    const { read, pending } = readsOf<string>();
    const cache = new SessionCache(read, refusal, now);
    const asked = cache.ask('kontum|qmr');
    pending[0].resolve(['Phòng Tổng hợp']);
    await asked.loading;
    clock += FRESH_MS - 1;
    cache.ask('kontum|qmr');
    expect(pending).toHaveLength(1);
    clock += 1;
    const again = cache.ask('kontum|qmr');
    expect(pending).toHaveLength(2);
    expect(again.items).toEqual(['Phòng Tổng hợp']);
    pending[1].resolve(['Phòng Tổng hợp - Hành chính']);
    await again.loading;
    expect(cache.known('kontum|qmr')).toEqual(['Phòng Tổng hợp - Hành chính']);
  });

  it("is read again on the next page after an administrator's edit, the old list shown until then", async () => {
    const { read, pending } = readsOf<string>();
    const cache = new SessionCache(read, refusal, now);
    const asked = cache.ask('kontum|admin');
    pending[0].resolve(['Phòng Tổng hợp']);
    await asked.loading;
    cache.forget();
    expect(cache.known('kontum|admin')).toEqual(['Phòng Tổng hợp']);
    const next = cache.ask('kontum|admin');
    expect(pending).toHaveLength(2);
    expect(next.items).toEqual(['Phòng Tổng hợp']);
    pending[1].resolve(['Văn phòng']);
    await next.loading;
    expect(cache.ask('kontum|admin').items).toEqual(['Văn phòng']);
    expect(pending).toHaveLength(2);
  });

  it('is not asked again for the session once refused, but is after any other failure', async () => {
    const refusedReads = readsOf<string>();
    const refused = new SessionCache(refusedReads.read, refusal, now);
    const asked = refused.ask('kontum|auditor');
    refusedReads.pending[0].reject(new Refused('403'));
    await expect(asked.loading).resolves.toEqual([]);
    refused.ask('kontum|auditor');
    expect(refusedReads.pending).toHaveLength(1);

    const failingReads = readsOf<string>();
    const failing = new SessionCache(failingReads.read, refusal, now);
    const tried = failing.ask('kontum|auditor');
    failingReads.pending[0].reject(new TypeError('Failed to fetch'));
    await expect(tried.loading).resolves.toEqual([]);
    failing.ask('kontum|auditor');
    expect(failingReads.pending).toHaveLength(2);
  });

  it("gives another user's session (signed in after, on the same device) a list of its own", async () => {
    const { read, pending } = readsOf<string>();
    const cache = new SessionCache(read, refusal, now);
    const asked = cache.ask('kontum|qmr');
    pending[0].resolve(['vp-tonghop']);
    await asked.loading;
    expect(cache.known('quangtri|qmr')).toBeUndefined();
    const other = cache.ask('quangtri|qmr');
    expect(pending).toHaveLength(2);
    expect(other.items).toBeUndefined();
  });
});
