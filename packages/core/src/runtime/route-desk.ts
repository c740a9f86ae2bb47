import { isDeepStrictEqual } from 'node:util';
import type { RouteIntent } from '@exaplug/protocol';
import { announcedRoutes, planRouteChanges, planWithdrawAll, type RouteBook } from '../announce/plan-route-changes.js';
import { routeKey } from '../announce/route-key.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../scheduler/clock.js';
import type { ExabgpSession } from './exabgp-session.js';

export interface RouteDeskOptions {
  session: ExabgpSession;
  clock: Clock;
  logger: Logger;
  /** ExaBGP did not take a route of this service: its runner must announce again. */
  onForgotten: (service: string) => void;
  /** Routes were written for a service (the read-back checks them a moment later). */
  onWritten?: () => void;
}

/**
 * The route books: what ExaBGP holds for each service, as written and not refused. The
 * one place that turns a service's new routes into commands, forgets what ExaBGP refused,
 * re-sends to a neighbor that came back, and withdraws at the end.
 */
export class RouteDesk {
  private readonly options: RouteDeskOptions;
  private readonly books = new Map<string, RouteBook>();
  /** When each prefix was last written for a service, kept across reloads (flap damping). */
  private readonly writtenAtMs = new Map<string, number>();

  constructor(options: RouteDeskOptions) {
    this.options = options;
  }

  /**
   * One service's routes for its new state, recorded and sent. They come validated: the
   * runner plans them through `planServiceRoutes`, which checks every route against the
   * allow-list in force and refuses the transition (the service keeps what it had) before
   * anything reaches here; the writer checks each command again as it formats it (defence in
   * depth, and its refusals come back through `forget`). True: recorded.
   */
  announce(service: string, intents: readonly RouteIntent[]): boolean {
    const changes = planRouteChanges(this.books.get(service) ?? new Map(), intents);
    this.books.set(service, changes.book);
    this.send(changes.send, service);
    return true;
  }

  /** ExaBGP refused routes or never confirmed them: they leave their service's book, and it announces again. */
  forget(intents: readonly RouteIntent[], reason: string, service: string | undefined): void {
    const book = service === undefined ? undefined : this.books.get(service);
    if (!book || service === undefined) return;
    const next = new Map(book);
    // Only what the book still holds as written: a newer intent for the same route stays.
    const forgotten = intents.filter((intent) => isDeepStrictEqual(next.get(routeKey(intent)), intent));
    for (const intent of forgotten) next.delete(routeKey(intent));
    if (forgotten.length === 0) return;
    this.books.set(service, next);
    this.options.onForgotten(service);
    this.options.logger.error({ service, prefixes: forgotten.map((intent) => intent.prefix), reason }, 'exabgp did not take routes; they will be announced again');
  }

  /**
   * A session came (back) up: what is announced goes again to that neighbor only (`neighbor
   * <ip> announce …`), not to every peer, which re-sent each route to N sessions while one
   * flapped. Routes restricted to other neighbors, or of a family it does not carry, are
   * left out. Not recorded in the book: the book's routes are unchanged.
   */
  reannounce(peer: string): number {
    const routes = this.announced()
      .filter((route) => !route.neighbors?.length || route.neighbors.includes(peer))
      .map((route): RouteIntent => ({ ...route, neighbors: [peer] }));
    this.options.session.sendRoutes(routes);
    return routes.length;
  }

  /** Sends routes again as they are in the book (the read-back's repair), without recording anything. */
  resend(routes: readonly RouteIntent[]): void {
    this.options.session.sendRoutes(routes);
  }

  /** Withdraws a service's routes whose prefix is not in `keep`, and forgets them (and the book, once empty of a removed service). */
  withdrawOutside(service: string, keep: ReadonlySet<string>, removed = false): void {
    const book = this.books.get(service);
    if (!book) return;
    const leaving = new Map([...book].filter(([, intent]) => !keep.has(intent.prefix)));
    this.send(planWithdrawAll(leaving).send, service);
    if (removed) this.books.delete(service);
    else this.books.set(service, new Map([...book].filter(([, intent]) => keep.has(intent.prefix))));
  }

  /**
   * A reload moved prefixes from one service to another (or renamed it): their routes change
   * owner as they stand, still announced, until the new owner has a verdict (make before break).
   */
  transfer(prefixes: ReadonlySet<string>, from: string, to: string): void {
    const source = this.books.get(from);
    if (!source || prefixes.size === 0) return;
    const moving = [...source].filter(([, intent]) => prefixes.has(intent.prefix));
    if (moving.length === 0) return;
    this.books.set(from, new Map([...source].filter(([, intent]) => !prefixes.has(intent.prefix))));
    this.books.set(to, new Map([...(this.books.get(to) ?? new Map()), ...moving]));
  }

  /** Withdraws everything announced, for a clean stop. */
  withdrawAll(): void {
    for (const [service, book] of this.books) {
      const changes = planWithdrawAll(book);
      this.books.set(service, changes.book);
      this.send(changes.send, service);
    }
  }

  /** Every route announced now, across services. */
  announced(): RouteIntent[] {
    return [...this.books.values()].flatMap((book) => announcedRoutes(book));
  }

  /** Each service's routes as last written and not refused. */
  routesByService(): Map<string, RouteIntent[]> {
    return new Map([...this.books].map(([name, book]) => [name, [...book.values()]]));
  }

  /** The last time any of these prefixes was written for a service, if ever. */
  lastWrittenAtMs(prefixes: readonly string[]): number | undefined {
    const times = prefixes.map((prefix) => this.writtenAtMs.get(prefix)).filter((time): time is number => time !== undefined);
    return times.length === 0 ? undefined : Math.max(...times);
  }

  private send(routes: readonly RouteIntent[], service: string): void {
    if (routes.length === 0) return;
    const now = this.options.clock.now();
    for (const route of routes) this.writtenAtMs.set(route.prefix, now);
    this.options.session.sendRoutes(routes, service);
    this.options.onWritten?.();
  }
}
