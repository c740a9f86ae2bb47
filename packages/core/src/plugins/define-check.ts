import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { NeighborView } from './neighbor-view.js';
import type { CheckResult } from './check-result.js';

/** Marks objects made by defineCheck so the loader can tell them from anything else exported. */
export const checkBrand: unique symbol = Symbol.for('exaplug.check');

/** What the runtime hands a check when it creates it. */
export interface CheckContext {
  /** The service this check instance belongs to (one instance per service). */
  serviceName: string;
  /** Directory of the config file: resolve relative paths (CA files, scripts) against it. */
  configDir: string;
  logger: Logger;
  /**
   * ExaBGP's sessions as exaplug has seen them (state messages) and the routes each
   * neighbor sent (received updates, when ExaBGP's `api` has `receive { parsed; update; }`).
   * Live: read it in `run`, never keep copies.
   */
  neighbors: NeighborView;
}

/** What `run` receives: the runtime aborts `signal` when the check's timeout expires. */
export interface CheckRunInput {
  signal: AbortSignal;
  /**
   * The service's `timeout`, in ms: `signal` aborts this long after `run` is called. Size a
   * library's own timeout from it instead of adding a second timeout option. Always set by
   * the runtime; absent only when a test calls `run` itself.
   */
  timeoutMs?: number;
}

/** A live check for one service. */
export interface CheckInstance {
  /** One attempt. Resolve a result; a throw is a bug and counts as a failed check. */
  run(input: CheckRunInput): Promise<CheckResult>;
  /** Release sockets, pools, timers. Called once when the runtime stops, or when a reload replaces or removes the service. */
  close?(): Promise<void> | void;
  /**
   * Optional: watch the target between rounds (a kept connection, a listener) and call
   * `changed` the moment it may have changed. The runtime then runs a round at once (no
   * spacing from the previous round; only a watch that fires again within `fastInterval`
   * waits for it, so a watch firing in a loop costs no more than a falling service). The
   * round decides, not the watch, with one exception: see `CheckWatchEvidence.refused`.
   * Polling alone cannot notice a failure sooner than half an interval on average.
   * Called once, after the first round is scheduled; stop when `signal` aborts.
   */
  watch?(input: CheckWatchInput): void;
}

/** What `watch` receives. */
export interface CheckWatchInput {
  /** Aborts when the service stops (runtime stop, reload): release what the watch holds. */
  signal: AbortSignal;
  /**
   * Something happened to the target (`connection closed`): check it now. Cheap; call
   * freely. Pass `{ refused: true }` only with conclusive evidence that the service is gone.
   */
  changed(reason: string, evidence?: CheckWatchEvidence): void;
}

/** What the watch knows for certain, beside its reason. */
export interface CheckWatchEvidence {
  /**
   * The target refused a connection (ECONNREFUSED) on a connection the watch held: the
   * process is gone, since the kernel refuses only for a port nobody listens on. With the
   * service's `refusedIsDown` (on by default), the round this triggers, if it fails, counts
   * as the whole `fall`: the service goes down at once. A round that passes ignores it.
   * Never set it for a connect timeout, a reset, or an HTTP error: a slow or overloaded
   * service is not a dead one, and those keep the normal `fall`.
   */
  refused?: boolean;
}

/** What a plugin author writes. */
export interface CheckSpec<Schema extends z.ZodType> {
  /** Short name, shown in logs and `exaplug plugins` (`http`, `redis`). */
  name: string;
  /** The @exaplug/core versions this plugin works with, as a semver range. */
  coreVersion: string;
  /** Options schema; use `z.object({})` when there are none. Defaults live in the schema. */
  options: Schema;
  create(options: z.output<Schema>, context: CheckContext): CheckInstance | Promise<CheckInstance>;
  /**
   * What the check reads from the runtime's neighbor table besides the sessions. The
   * runtime keeps (and asks ExaBGP at start for) only what some check declares here:
   * a full-table peer sends a million routes that nothing else needs.
   */
  needs?: CheckNeeds<z.output<Schema>>;
}

/** Declared by checks that read received routes (`context.neighbors[…].received`). */
export interface CheckNeeds<Options> {
  /** The prefixes this instance looks up in `received`, e.g. `[options.prefix]`. */
  receivedRoutes?: (options: Options) => readonly string[];
}

/** A check plugin, as the loader sees it. */
export interface CheckDefinition<Schema extends z.ZodType = z.ZodType> extends CheckSpec<Schema> {
  readonly [checkBrand]: true;
  readonly kind: 'check';
}

/** Declares a check plugin: adds types and a brand, nothing else. */
export function defineCheck<Schema extends z.ZodType>(spec: CheckSpec<Schema>): CheckDefinition<Schema> {
  return { ...spec, kind: 'check', [checkBrand]: true };
}

/** True for an object made by defineCheck (also across duplicate copies of core). */
export function isCheckDefinition(value: unknown): value is CheckDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[checkBrand] === true;
}
