import type { CommandDialect, RouteIntent } from '../announce/route-intent.js';
import type { AnnouncedState } from '../health/health-state.js';
import type { PluginReference, ServiceConfig } from '../config/resolve-config.js';
import type { StrategyDefinition } from '../plugins/define-strategy.js';
import { formatRouteCommand } from '../protocol/format-command.js';

export const announcedStates: readonly AnnouncedState[] = ['up', 'down', 'disabled'];

/** The routes a strategy gives one service in one state, for `exaplug plan`. */
export function planFor(definition: StrategyDefinition, service: ServiceConfig, options: Record<string, unknown>, state: AnnouncedState) {
  const strategy = definition.create(definition.options.parse(options), { serviceName: service.name });
  return strategy.plan({ serviceName: service.name, prefixes: service.ips, state });
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

export function commandsFor(intents: readonly RouteIntent[], dialect: CommandDialect): string[] {
  return intents.map((intent) => {
    try {
      return formatRouteCommand(intent, dialect);
    } catch (error) {
      return `# refused: ${(error as Error).message}`;
    }
  });
}
