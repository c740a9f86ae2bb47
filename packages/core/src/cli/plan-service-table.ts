import { planServiceRoutes } from '../announce/plan-service-routes.js';
import { formatRouteCommand, type CommandDialect, type RouteIntent } from '@exaplug/protocol';
import type { PluginReference } from '../config/resolve-config.js';
import type { AnnouncedState } from '../health/health-state.js';
import { parsePluginOptions } from '../loading/parse-plugin-options.js';
import type { PreparedService } from '../loading/prepare-services.js';

/**
 * The routes a service's strategy gives in one state with other options (another node's
 * index), checked like the service's own: for `exaplug plan`'s per-node table.
 */
export function planFor(service: PreparedService, options: Record<string, unknown>, state: AnnouncedState): RouteIntent[] {
  const { config, strategyDefinition } = service;
  const parsed = parsePluginOptions(strategyDefinition.options, options, ['services', config.name, 'strategy', 'with']);
  const strategy = strategyDefinition.create(parsed, { serviceName: config.name });
  return planServiceRoutes(strategy, { serviceName: config.name, prefixes: config.ips, state });
}

/** What a route looks like in a table cell: its MED, or `withdraw`. */
export function describeIntent(intent: RouteIntent | undefined): string {
  if (!intent) return '-';
  return intent.action === 'withdraw' ? 'withdraw' : String(intent.med ?? '');
}

/** For node-indexed strategies (`node`/`nodes`, as rotate): one column per node. */
export function nodeCount(reference: PluginReference): number | undefined {
  const nodes = reference.with.nodes;
  return typeof nodes === 'number' && typeof reference.with.node === 'number' ? nodes : undefined;
}

/** One node of the service's group: its column title and the strategy options it runs with. */
export interface PeerColumn {
  name: string;
  options: Record<string, unknown>;
}

/**
 * The nodes that share a service's IPs, when the strategy says who they are: `node`/`nodes`
 * (rotate) or `members`/`self` (rendezvous). Undefined for a strategy that knows only itself.
 */
export function peerColumns(reference: PluginReference): { self: string; columns: PeerColumn[] } | undefined {
  const nodes = nodeCount(reference);
  if (nodes !== undefined) {
    const columns = Array.from({ length: nodes }, (_, node) => ({ name: `node ${node}`, options: { ...reference.with, node } }));
    return { self: `node ${String(reference.with.node)}`, columns };
  }
  const members = reference.with.members;
  if (Array.isArray(members) && members.every((member) => typeof member === 'string')) {
    const self = typeof reference.with.self === 'string' ? reference.with.self : undefined;
    return { self: self ?? '(hostname)', columns: members.map((member) => ({ name: member, options: { ...reference.with, self: member } })) };
  }
  return undefined;
}

/**
 * The node that wins a route (lowest MED; routers compare MEDs only between paths from
 * the same neighboring AS) and the one that takes over when it goes: `-` when none is left.
 */
export function bestAndBackup(names: readonly string[], intents: readonly (RouteIntent | undefined)[]): [string, string] {
  const ranked = intents
    .map((intent, index) => ({ name: names[index] as string, med: intent?.action === 'announce' ? (intent.med ?? 0) : undefined }))
    .filter((entry): entry is { name: string; med: number } => entry.med !== undefined)
    .sort((a, b) => a.med - b.med);
  return [ranked[0]?.name ?? '-', ranked[1]?.name ?? '-'];
}

/** The command lines, as the writer would write them. */
export function commandsFor(intents: readonly RouteIntent[], dialect: CommandDialect): string[] {
  return intents.map((intent) => formatRouteCommand(intent, dialect));
}
