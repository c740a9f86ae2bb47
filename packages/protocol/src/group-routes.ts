import type { CommandDialect, RouteIntent } from './route-intent.js';
import { routeGroupKey } from './format-command.js';

/**
 * ExaBGP reads a line of any length, but one refused command takes every route in it
 * along; a thousand /128s make a 30 KB line, past which grouping saves nothing measurable.
 */
export const maxRoutesPerCommand = 1000;

/**
 * Splits routes, in their order, into runs that can share one command: adjacent routes
 * with the same group key, at most `max` each. Only adjacent ones: merging a later
 * announce of P into an earlier group would reorder it against a withdraw of P between them.
 */
export function groupAdjacentRoutes(intents: readonly RouteIntent[], dialect: CommandDialect, max = maxRoutesPerCommand): RouteIntent[][] {
  const groups: RouteIntent[][] = [];
  let current: RouteIntent[] = [];
  let currentKey: string | undefined;
  for (const intent of intents) {
    const key = routeGroupKey(intent, dialect);
    if (key === undefined || key !== currentKey || current.length >= max) {
      if (current.length > 0) groups.push(current);
      current = [];
    }
    current.push(intent);
    currentKey = key;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
