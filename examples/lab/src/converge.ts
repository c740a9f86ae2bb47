import type { Lab } from './start-lab.js';
import { readKernelNextHop, readRs1Routes, readRs2Routes, readRs3Routes, type RoutePath } from './read-routes.js';
import { routeServers, serviceIps } from './topology.js';
import { waitFor } from '@exaplug/test-support/wait-for';

/** The three route servers' service routes, read at (nearly) the same moment. */
export interface RouteServerTables {
  rs1: RoutePath[];
  rs2: RoutePath[];
  rs3: RoutePath[];
}

export async function readTables(lab: Lab): Promise<RouteServerTables> {
  const [rs1, rs2, rs3] = await Promise.all([readRs1Routes(lab.rs1Socket), readRs2Routes(lab.rs2VtyDir), readRs3Routes(lab.rs3Socket)]);
  return { rs1, rs2, rs3 };
}

/** What each route server's table holds (or why it could not be read): for a lab that did not converge. */
export async function describeTables(lab: Lab): Promise<string> {
  const readers = { rs1: () => readRs1Routes(lab.rs1Socket), rs2: () => readRs2Routes(lab.rs2VtyDir), rs3: () => readRs3Routes(lab.rs3Socket) };
  const parts = await Promise.all(
    Object.entries(readers).map(([rs, read]) => read().then((paths) => `${rs} ${paths.length} paths`, (error: unknown) => `${rs} unreadable (${String(error)})`)),
  );
  return parts.join(', ');
}

/** Whether `accept` holds for every route server's table. */
export function onEveryRouteServer(accept: (paths: RoutePath[]) => boolean): (tables: RouteServerTables) => boolean {
  return (tables) => routeServers.every((rs) => accept(tables[rs]));
}

/** Polls the route servers until `accept` holds for their tables; returns them. */
export function waitForTables(
  lab: Lab,
  accept: (tables: RouteServerTables) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<RouteServerTables> {
  return waitFor(
    async () => {
      const tables = await readTables(lab).catch(() => undefined);
      return tables && accept(tables) ? tables : undefined;
    },
    { timeoutMs, intervalMs: 25, what },
  );
}

/** All nine paths (three IPs × three nodes) on every route server. */
export function waitForConvergence(lab: Lab, timeoutMs = 30_000): Promise<RouteServerTables> {
  return waitForTables(lab, onEveryRouteServer((paths) => paths.length === 9), 'nine paths on rs1, rs2 and rs3', timeoutMs);
}

/** Waits until r1's kernel forwards every service IP (BIRD `protocol kernel` lags the route servers). */
export function waitForDataPlane(lab: Lab, timeoutMs = 20_000): Promise<boolean> {
  return waitFor(
    async () => {
      const hops = await Promise.all(serviceIps.map((ip) => readKernelNextHop(lab.names.ns('r1'), ip)));
      return hops.every((hop) => hop !== undefined);
    },
    { timeoutMs, intervalMs: 50, what: "r1's kernel routes to the three service IPs" },
  );
}
