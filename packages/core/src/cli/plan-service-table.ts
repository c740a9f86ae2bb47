import { planServiceRoutes } from '../announce/plan-service-routes.js';
import type { CommandDialect, RouteIntent } from '../announce/route-intent.js';
import type { PluginReference } from '../config/resolve-config.js';
import type { AnnouncedState } from '../health/health-state.js';
import { parsePluginOptions } from '../plugins/parse-plugin-options.js';
import type { PreparedService } from '../plugins/prepare-services.js';
import { formatRouteCommand } from '../protocol/format-command.js';

export const announcedStates: readonly AnnouncedState[] = ['up', 'down', 'disabled'];

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

/** The command lines, as the writer would write them. */
export function commandsFor(intents: readonly RouteIntent[], dialect: CommandDialect): string[] {
  return intents.map((intent) => formatRouteCommand(intent, dialect));
}
