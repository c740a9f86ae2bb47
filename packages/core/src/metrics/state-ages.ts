/**
 * How long each service has been in its health state, for a gauge read at scrape time.
 * A change is dated by its `healthChanged` event; a service that has not changed since its
 * runtime started (or a reload added or restarted it) counts from then.
 */
export class StateAges {
  private readonly now: () => number;
  private readonly entries = new Map<string, { state: string | undefined; sinceMs: number }>();
  private runtimeStartedAtMs: number | undefined;

  constructor(now: () => number) {
    this.now = now;
  }

  /** A `healthChanged` event: the service's clock starts again. */
  changed(service: string, state: string): void {
    this.entries.set(service, { state, sinceMs: this.now() });
  }

  /** Services a reload added or restarted: they count from now, in whatever state they show. */
  restarted(services: readonly string[]): void {
    for (const service of services) this.entries.set(service, { state: undefined, sinceMs: this.now() });
  }

  /** Seconds `service` has been in `state`, for a runtime started at `startedAtMs`. */
  secondsIn(service: string, state: string, startedAtMs: number): number {
    if (startedAtMs !== this.runtimeStartedAtMs) {
      // A new runtime (exaplug left idle): nothing from before counts.
      this.runtimeStartedAtMs = startedAtMs;
      this.entries.clear();
    }
    let entry = this.entries.get(service);
    if (!entry) this.entries.set(service, (entry = { state, sinceMs: startedAtMs }));
    entry.state ??= state;
    // A change no event told of (it cannot happen today): count from when it was seen.
    if (entry.state !== state) this.entries.set(service, (entry = { state, sinceMs: this.now() }));
    return Math.max(0, (this.now() - entry.sinceMs) / 1000);
  }

  /** Drops the services that are gone (removed by a reload). */
  keepOnly(services: ReadonlySet<string>): void {
    for (const service of this.entries.keys()) if (!services.has(service)) this.entries.delete(service);
  }
}
