import { formatGroupedRouteCommand, formatRouteCommand, groupAdjacentRoutes, type AllowedPrefix, type CommandDialect, type NeighborDescription, type RouteIntent } from '@exaplug/protocol';
import { addressRoute, type NeighborFamilies } from '../announce/address-by-family.js';
import type { Logger } from '../logger.js';
import type { CommandWriter } from './command-writer.js';

/** What the sender needs: the writer, the config's grouping and allow-list, and whom to tell of refused routes. */
export interface RouteSenderOptions {
  writer: CommandWriter;
  logger: Logger;
  /** Adjacent routes that differ only in their prefix share one `announce attributes … nlri` command (4.x/5.x). Default true. */
  groupRoutes?: boolean | undefined;
  /** The allow-list: any route outside it is refused before writing (defence in depth). */
  allowed?: readonly AllowedPrefix[] | undefined;
  /** Routes refused before writing (the routes as the caller gave them). */
  onRoutesFailed?: ((intents: readonly RouteIntent[], reason: string, service: string | undefined) => void) | undefined;
}

/**
 * Turns routes into route commands: each addressed to the sessions of its family,
 * validated, grouped when it may be, formatted; then written through the `CommandWriter`.
 */
export class RouteSender {
  private readonly options: RouteSenderOptions;
  private families: NeighborFamilies | undefined;
  /** A routed copy (with its selector) → the route as the caller gave it, for failure reports. */
  private readonly originals = new WeakMap<RouteIntent, RouteIntent>();

  constructor(options: RouteSenderOptions) {
    this.options = options;
  }

  /** What `show neighbor extensive` told: from now on each route goes only to the sessions of its family. */
  learnNeighbors(neighbors: readonly NeighborDescription[]): void {
    if (neighbors.length === 0 || neighbors.every((neighbor) => neighbor.families.length === 0)) return;
    this.families = new Map(neighbors.map((neighbor) => [neighbor.peer, new Set(neighbor.families)]));
  }

  /** The families each neighbor carries, once known. */
  get neighborFamilies(): NeighborFamilies | undefined {
    return this.families;
  }

  /** The route as the caller gave it, for a route the writer reports failed. */
  originalOf(intent: RouteIntent): RouteIntent {
    return this.originals.get(intent) ?? intent;
  }

  /**
   * Groups only in the 4.x/5.x dialect: 4.2 answers grouped commands as measured (one ack,
   * one UPDATE); 6.x accepts them too, but no real 6.x runs in the tests to prove it.
   */
  send(intents: readonly RouteIntent[], service: string | undefined, dialect: CommandDialect): void {
    const send: RouteIntent[] = [];
    const unsendable: string[] = [];
    for (const intent of intents) {
      const routed = addressRoute(intent, this.families);
      if (!routed) unsendable.push(intent.prefix);
      else send.push(routed);
      if (routed && routed !== intent) this.originals.set(routed, intent);
    }
    if (unsendable.length > 0) this.options.logger.warn({ service, prefixes: unsendable }, 'no ExaBGP session carries the family of these routes: not sent');
    if (this.options.groupRoutes === false || dialect !== 'neighbor' || send.length < 2) {
      for (const intent of send) this.writeRoute(intent, service, dialect);
      return;
    }
    for (const group of groupAdjacentRoutes(send, dialect)) {
      if (group.length === 1) this.writeRoute(group[0] as RouteIntent, service, dialect);
      else this.writeRouteGroup(group, service, dialect);
    }
  }

  private writeRouteGroup(group: readonly RouteIntent[], service: string | undefined, dialect: CommandDialect): void {
    let command: string;
    try {
      command = formatGroupedRouteCommand(group, dialect, this.validation());
    } catch {
      // One route in the group is invalid: each on its own, so only that one is refused.
      for (const intent of group) this.writeRoute(intent, service, dialect);
      return;
    }
    this.options.writer.writeRoutes(command, group, service);
  }

  private writeRoute(intent: RouteIntent, service: string | undefined, dialect: CommandDialect): void {
    let command: string;
    try {
      command = formatRouteCommand(intent, dialect, this.validation());
    } catch (error) {
      // Validation failed: nothing is written, so no ack is owed and none can be misattributed.
      this.options.logger.error({ err: error, code: (error as { code?: string }).code, intent }, 'route refused before writing');
      this.options.onRoutesFailed?.([this.originalOf(intent)], (error as Error).message, service);
      return;
    }
    this.options.writer.writeRoutes(command, [intent], service);
  }

  private validation(): { allowed?: readonly AllowedPrefix[] } {
    return this.options.allowed ? { allowed: this.options.allowed } : {};
  }
}
