import type { RouteIntent } from '@exaplug/protocol';
import type { ServiceConfig } from '../config/resolve-config.js';
import type { Logger } from '../logger.js';
import { killProcessTree, spawnInGroup } from '../plugins/process-group.js';
import type { RuntimeEvents } from '../runtime/runtime-events.js';

/** The most output kept from one hook for the log. */
const maxOutputBytes = 4096;

/** The environment a hook sees: the healthcheck's `STATE`, and exaplug's own variables. */
export function hookEnvironment(service: string, from: string | undefined, to: string, routes: readonly RouteIntent[]): Record<string, string> {
  return {
    STATE: to.toUpperCase(),
    EXAPLUG_SERVICE: service,
    EXAPLUG_STATE: to,
    EXAPLUG_PREVIOUS_STATE: from ?? '',
    // One route per line: `announce 2001:db8:30::1/128 med 100` or `withdraw 2001:db8:30::1/128`.
    EXAPLUG_ROUTES: routes.map((route) => `${route.action} ${route.prefix}${route.med === undefined ? '' : ` med ${route.med}`}`).join('\n'),
  };
}

/**
 * Runs each service's hooks when its announced state changes: `onChange`, then the one
 * for the new state, by `/bin/sh -c`, one after the other per service, each in its own
 * process group killed at `hooks.timeout`. Their output goes to the log, never to stdout.
 * `serviceConfig` is read at each event, so a reload's hooks apply at once.
 */
export function runHooksOnTransitions(events: RuntimeEvents, serviceConfig: (name: string) => ServiceConfig | undefined, logger: Logger): void {
  const queues = new Map<string, Promise<void>>();
  events.on('routesAnnounced', ({ service, from, to, routes }) => {
    const hooks = serviceConfig(service)?.hooks;
    if (!hooks) return;
    const byState = { up: hooks.onUp, down: hooks.onDown, disabled: hooks.onDisabled, degraded: hooks.onDegraded }[to];
    const commands = [...(hooks.onChange ?? []), ...(byState ?? [])];
    if (commands.length === 0) return;
    const env = { ...process.env, ...hookEnvironment(service, from, to, routes) };
    const previous = queues.get(service) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const command of commands) await runHook(command, env, hooks.timeout, logger.child({ service, hook: command }));
    });
    queues.set(service, next);
  });
}

async function runHook(command: string, env: NodeJS.ProcessEnv, timeoutMs: number, logger: Logger): Promise<void> {
  const started = performance.now();
  const child = spawnInGroup('/bin/sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    if (output.length < maxOutputBytes) output += chunk.toString('utf8').slice(0, maxOutputBytes - output.length);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void killProcessTree(child);
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  const fields = { code, durationMs: Math.round(performance.now() - started), ...(output.trim() && { output: output.trim() }) };
  if (timedOut) logger.warn({ ...fields, timeoutMs }, 'hook killed at its timeout');
  else if (code !== 0) logger.warn(fields, 'hook failed');
  else logger.info(fields, 'hook ran');
}
