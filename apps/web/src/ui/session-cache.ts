/**
 * A list older than this is read again when a page asks (shown meanwhile as it was): someone
 * deactivated or a unit renamed a minute ago shows so without signing in again.
 */
export const FRESH_MS = 60_000;

/** One read of the list for one session: what it gave once it has, and the read itself. */
export interface SessionRead<T> {
  readonly key: string;
  /** The list, once read (or as the read before this one gave it, while this one is on its way). */
  items?: readonly T[];
  /** When this read gave its list; unset while it is on its way. */
  loadedAt?: number;
  readonly loading: Promise<readonly T[]>;
}

/**
 * The one copy of a list for the signed-in session (its key: organisation and user), read when a
 * page first asks and again when a page asks after {@link FRESH_MS} or after {@link forget}. A read
 * refused (`isRefusal`: 403, the session may not read it) gives an empty list for the session; any
 * other failure gives an empty list this time, and the next page that asks reads again.
 */
export class SessionCache<T> {
  private readonly none: readonly T[] = Object.freeze([]);
  private current: SessionRead<T> | null = null;

  constructor(
    private readonly read: () => Promise<readonly T[]>,
    private readonly isRefusal: (caught: unknown) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** What the session already has for `key`, without reading. */
  known(key: string): readonly T[] | undefined {
    return this.current?.key === key ? this.current.items : undefined;
  }

  /** The read for `key`: the one made already while it is fresh, else a new one. */
  ask(key: string): SessionRead<T> {
    const current = this.current;
    if (current?.key === key && (current.loadedAt === undefined || this.now() - current.loadedAt < FRESH_MS))
      return current;
    const next: SessionRead<T> = {
      key,
      // The list already here stays on screen while the new one is read.
      items: current?.key === key ? current.items : undefined,
      loading: this.read().catch((caught: unknown) => {
        if (!this.isRefusal(caught) && this.current === next) this.current = null;
        return this.none;
      }),
    };
    void next.loading.then((items) => {
      next.items = items;
      next.loadedAt = this.now();
    });
    this.current = next;
    return next;
  }

  /** The list changed here (an administrator's edit): the next page that asks reads it again. */
  forget(): void {
    // Marked as old rather than dropped: shown as it was until it is read again.
    if (this.current) this.current = { ...this.current, loadedAt: 0 };
  }
}
