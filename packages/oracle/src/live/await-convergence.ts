import { diffTables } from '../model/compare-tables.js';
import type { ExpectedTable } from '../model/spec.js';
import type { RouteServerView } from './lab.js';

export interface ConvergenceOptions {
  /** By then every route server must hold the expected table. */
  boundMs: number;
  /** …and keep holding it this long, so that a table passing through the right state on its way elsewhere does not count. */
  stableMs: number;
  pollMs?: number;
}

export interface ConvergenceResult {
  converged: boolean;
  /** Per route server: ms from the start until the table equalled the model for good; undefined if it never did. */
  convergedAfterMs: Map<string, number | undefined>;
  /** Per route server: the differences at the last poll (empty when equal). */
  differences: Map<string, string[]>;
}

/** Polls every route server's table until each equals the model and stays so, or the bound passes. */
export async function awaitConvergence(servers: readonly RouteServerView[], expected: ExpectedTable, options: ConvergenceOptions): Promise<ConvergenceResult> {
  const startedAt = Date.now();
  const deadline = startedAt + options.boundMs + options.stableMs;
  const equalSince = new Map<string, number | undefined>();
  const differences = new Map<string, string[]>();
  for (;;) {
    await Promise.all(
      servers.map(async (server) => {
        const polledAt = Date.now();
        const diff = await server.table().then(
          (table) => diffTables(expected, table),
          (error: Error) => [`table unreadable: ${error.message}`],
        );
        differences.set(server.name, diff);
        if (diff.length > 0) equalSince.set(server.name, undefined);
        else if (equalSince.get(server.name) === undefined) equalSince.set(server.name, polledAt);
      }),
    );
    const now = Date.now();
    const stable = servers.every((server) => {
      const since = equalSince.get(server.name);
      return since !== undefined && now - since >= options.stableMs && since - startedAt <= options.boundMs;
    });
    if (stable || now >= deadline) {
      const convergedAfterMs = new Map(servers.map((server) => [server.name, mapDefined(equalSince.get(server.name), (since) => since - startedAt)]));
      return { converged: stable, convergedAfterMs, differences };
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}
