import type { ExaplugConfig, ServiceConfig } from '../config/resolve-config.js';

/** What a live reload does, by service name. */
export interface ReloadSummary {
  kept: string[];
  added: string[];
  changed: string[];
  removed: string[];
}

export interface ReloadPlan extends ReloadSummary {
  /** A new runner → the old service whose verdict it takes over (same check: no rise from init, dwell kept). */
  inherits: Map<string, string>;
  /** Prefixes that change owner, routes and all (an IP moved, a service renamed). */
  moves: Array<{ prefixes: Set<string>; from: string; to: string }>;
}

/**
 * Decides a reload from the old and new service configs, by name. Unchanged services are
 * kept (same runner, not a single update; any global change restarts them all). A changed
 * service whose check is the same keeps its verdict, and so does a renamed one (a removed
 * service and an added one with the same check sharing IPs). A prefix that moves to
 * another service keeps its route until its new owner decides: nothing is withdrawn first.
 */
export function planReload(before: readonly ServiceConfig[], after: readonly ServiceConfig[], globalsChanged: boolean): ReloadPlan {
  const old = new Map(before.map((service) => [service.name, service]));
  const next = new Set(after.map((service) => service.name));
  const plan: ReloadPlan = { kept: [], added: [], changed: [], removed: [], inherits: new Map(), moves: [] };
  const removed = before.filter((service) => !next.has(service.name));
  plan.removed = removed.map((service) => service.name);
  for (const service of after) {
    const previous = old.get(service.name);
    if (previous && !globalsChanged && JSON.stringify(previous) === JSON.stringify(service)) {
      plan.kept.push(service.name);
      continue;
    }
    (previous ? plan.changed : plan.added).push(service.name);
    const predecessor = previous ?? removed.find((candidate) => candidate.ips.some((ip) => service.ips.includes(ip)));
    if (predecessor && sameCheck(predecessor, service)) plan.inherits.set(service.name, predecessor.name);
  }
  plan.moves = movedPrefixes(before, after, new Set(plan.kept));
  return plan;
}

function movedPrefixes(before: readonly ServiceConfig[], after: readonly ServiceConfig[], kept: ReadonlySet<string>): ReloadPlan['moves'] {
  const ownerBefore = new Map(before.flatMap((service) => service.ips.map((ip) => [ip, service.name] as const)));
  const moves = new Map<string, ReloadPlan['moves'][number]>();
  for (const service of after) {
    if (kept.has(service.name)) continue;
    for (const ip of service.ips) {
      const from = ownerBefore.get(ip);
      if (from === undefined || from === service.name) continue;
      const key = `${from}\n${service.name}`;
      const move = moves.get(key) ?? { prefixes: new Set<string>(), from, to: service.name };
      move.prefixes.add(ip);
      moves.set(key, move);
    }
  }
  return [...moves.values()];
}

/** The verdict means the same under both configs: the same check, asked the same way. */
function sameCheck(a: ServiceConfig, b: ServiceConfig): boolean {
  return JSON.stringify([a.check, a.disableFile, a.rise, a.fall]) === JSON.stringify([b.check, b.disableFile, b.rise, b.fall]);
}

/** The settings every runner is built with: when they change, every service restarts its checks. */
export function fingerprintOfGlobals(config: ExaplugConfig): string {
  return JSON.stringify([config.allowedPrefixes?.map((entry) => entry.text), config.drain]);
}
