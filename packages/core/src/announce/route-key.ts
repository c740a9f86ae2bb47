import type { RouteIntent } from '@exaplug/protocol';

/** What identifies one route towards ExaBGP: prefix, path id and the neighbors it targets. */
export function routeKey(intent: RouteIntent): string {
  const neighbors = intent.neighbors && intent.neighbors.length > 0 ? [...intent.neighbors].sort().join(',') : '*';
  return `${intent.prefix}|${intent.pathInformation ?? ''}|${neighbors}`;
}
