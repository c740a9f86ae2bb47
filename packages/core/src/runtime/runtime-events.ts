import type { Divergence } from '../announce/compare-held-routes.js';
import type { RouteIntent } from '@exaplug/protocol';
import type { AnnouncedState, HealthStateName } from '../health/health-state.js';
import type { CheckResult } from '../plugins/check-result.js';

/**
 * What happens inside the runtime, as data. Logging, metrics, hooks and the control
 * socket subscribe; none of them is wired into the runner by hand.
 */
export type RuntimeEvent =
  | { type: 'checkCompleted'; service: string; result: CheckResult }
  | { type: 'healthChanged'; service: string; from: HealthStateName; to: HealthStateName }
  | { type: 'routesAnnounced'; service: string; from: AnnouncedState | undefined; to: AnnouncedState; routes: readonly RouteIntent[] }
  | { type: 'routesRefused'; service: string; state: AnnouncedState; code: string; message: string }
  /** An operator's drain took effect: its routes announced drained, then withdrawn (`withdrawAfter`); false once undrained. */
  | { type: 'drainChanged'; service: string; drained: false | 'announced' | 'withdrawn' }
  | { type: 'commandWritten'; command: string; kind: 'routes' | 'query' }
  | { type: 'commandAnswered'; command: string; answer: 'done' | 'error'; latencyMs: number }
  | { type: 'commandTimedOut'; command: string }
  | { type: 'neighborChanged'; peer: string; state: string; reason?: string }
  | { type: 'staleRoutesWithdrawn'; prefixes: readonly string[] }
  /** The read-back found ExaBGP holding other routes than announced (and sent them again). */
  | { type: 'routesDiverged'; divergences: readonly Divergence[] }
  | { type: 'configReloaded'; kept: readonly string[]; added: readonly string[]; changed: readonly string[]; removed: readonly string[] };

export type RuntimeEventType = RuntimeEvent['type'];
export type RuntimeEventOf<Type extends RuntimeEventType> = Extract<RuntimeEvent, { type: Type }>;

/** A typed fan-out. A listener that throws is reported and never stops the others (or the runtime). */
export class RuntimeEvents {
  private readonly listeners = new Map<RuntimeEventType, Set<(event: RuntimeEvent) => void>>();
  private readonly onListenerError: (error: unknown, event: RuntimeEvent) => void;

  constructor(onListenerError: (error: unknown, event: RuntimeEvent) => void = () => {}) {
    this.onListenerError = onListenerError;
  }

  /** Subscribes; returns the unsubscribe. */
  on<Type extends RuntimeEventType>(type: Type, listener: (event: RuntimeEventOf<Type>) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    const wrapped = listener as (event: RuntimeEvent) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  emit(event: RuntimeEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }
}
