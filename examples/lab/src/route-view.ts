import type { RoutePath } from './read-routes.js';

/** The best path's node for a service IP (`2001:db8:30::1`), if any. */
export function bestNodeFor(paths: readonly RoutePath[], ip: string): string | undefined {
  return paths.find((path) => path.prefix === `${ip}/128` && path.best)?.node;
}

/** The nodes holding a path to `ip`, ordered by MED (best first). */
export function rankedNodesFor(paths: readonly RoutePath[], ip: string): string[] {
  return paths
    .filter((path) => path.prefix === `${ip}/128`)
    .sort((a, b) => (a.med ?? Infinity) - (b.med ?? Infinity))
    .map((path) => path.node);
}

/** A route server's table as text, one line per path: LOCAL_PREF only when not the default 100. */
export function formatRoutes(title: string, paths: readonly RoutePath[]): string {
  const rows = [...paths]
    .sort((a, b) => a.prefix.localeCompare(b.prefix) || (a.med ?? 0) - (b.med ?? 0))
    .map((path) => {
      const localPref = path.localPref === undefined || path.localPref === 100 ? '' : ` local-pref ${path.localPref}`;
      const communities = path.communities.length ? ` community ${path.communities.join(' ')}` : '';
      return `  ${path.prefix.padEnd(20)} ${path.best ? '>' : ' '} ${path.node.padEnd(4)} med ${path.med ?? '-'}${localPref}${communities}`;
    });
  return [`== ${title}`, ...(rows.length ? rows : ['  (no routes)'])].join('\n');
}
