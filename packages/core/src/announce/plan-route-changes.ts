import { isDeepStrictEqual } from 'node:util';
import type { RouteIntent } from '@exaplug/protocol';
import { withdrawnRoutes } from './drain-routes.js';
import { routeKey } from './route-key.js';

/** The last intent sent for each route key: what ExaBGP holds on our behalf. */
export type RouteBook = ReadonlyMap<string, RouteIntent>;

export interface RouteChanges {
  /** Intents to write, in order. */
  send: RouteIntent[];
  /** The book after they are written. */
  book: RouteBook;
}

/**
 * Announce on change only: an intent identical to the last one sent for its route is
 * dropped, so a service that stays down does not re-send every interval. A route never
 * sent before is always sent, withdraws included, because ExaBGP keeps the routes of a
 * previous (crashed, respawned) exaplug and only a withdraw clears them.
 */
export function planRouteChanges(book: RouteBook, desired: readonly RouteIntent[]): RouteChanges {
  const next = new Map(book);
  const send: RouteIntent[] = [];
  for (const intent of desired) {
    const key = routeKey(intent);
    const previous = next.get(key);
    if (previous && isDeepStrictEqual(previous, intent)) continue;
    next.set(key, intent);
    send.push(intent);
  }
  return { send, book: next };
}

/** Everything currently announced, to re-send when a neighbor comes up. */
export function announcedRoutes(book: RouteBook): RouteIntent[] {
  return [...book.values()].filter((intent) => intent.action === 'announce');
}

/** Withdraws for every announced route, for a clean stop. */
export function planWithdrawAll(book: RouteBook): RouteChanges {
  return planRouteChanges(book, withdrawnRoutes(announcedRoutes(book)));
}
