import { ExaplugError } from '../errors.js';
import { coreVersion } from '../plugins/core-version.js';
import type { ExabgpProcess } from '../process/exabgp-process.js';
import type { AnsweringProcess, ControlRequest, StatusReport } from './control-protocol.js';

/** Who this exaplug is, as its control socket tells it; the composition root knows. */
export interface ControlIdentity extends AnsweringProcess {
  /** True when `path` (absolute) is the file this exaplug runs, through symlinks too. */
  isOwnConfig(path: string): boolean;
}

/**
 * What each control verb does to a running exaplug. `status` answers in every state;
 * the others need running services (idle and loading have none). Every answer says which
 * exaplug gave it, and a request naming another config than this one's is refused first.
 */
export async function handleControlRequest(shell: ExabgpProcess, request: ControlRequest, identity: ControlIdentity): Promise<unknown> {
  if (request.config !== undefined && !identity.isOwnConfig(request.config)) {
    throw new ExaplugError(
      'EXAPLUG_CONTROL_WRONG_CONFIG',
      `${identity.socket}: this exaplug (pid ${identity.pid}) runs ${identity.config ?? 'a config given on its command line'}, not ${request.config}: give each config its own control.socket (or leave it out: the default is one per config)`,
    );
  }
  const { pid, config, socket } = identity;
  const result = await resultOf(shell, request, identity);
  return { ...(result as object), answeredBy: { pid, config, socket } };
}

async function resultOf(shell: ExabgpProcess, request: ControlRequest, identity: ControlIdentity): Promise<unknown> {
  switch (request.command) {
    case 'status':
      return statusReportOf(shell, identity);
    case 'reload':
      return shell.reloadNow();
    case 'drain':
    case 'undrain': {
      const runtime = shell.runtimeForControl();
      const names = request.services === 'all' ? runtime.serviceNames : request.services;
      const draining = request.command === 'drain';
      await runtime.setDrained(names, draining, { wait: draining && request.wait === true, keep: !draining || request.keep !== false });
      return { services: names };
    }
    case 'recheck': {
      const runtime = shell.runtimeForControl();
      const names = request.services === 'all' ? runtime.serviceNames : request.services;
      await Promise.all(names.map((name) => runtime.recheck(name)));
      return statusReportOf(shell, identity);
    }
  }
}

/** Everything `exaplug status` shows, as ExaBGP and the checks stand now; while idle, why. */
export function statusReportOf(shell: ExabgpProcess, identity: Pick<ControlIdentity, 'pid' | 'config'>): StatusReport {
  const status = shell.status;
  const runtime = shell.state === 'running' ? shell.runtimeForControl() : undefined;
  const routes = runtime?.routesByService() ?? new Map();
  return {
    pid: identity.pid,
    version: coreVersion,
    state: status.state,
    config: shell.loadedConfig?.filepath ?? identity.config,
    configValid: shell.configValid,
    ...(status.idle && { idle: status.idle }),
    ...(status.exabgp && {
      exabgp: {
        version: status.exabgp.version,
        dialect: status.exabgp.dialect,
        acks: status.exabgp.acks,
        counters: { ...status.exabgp.counters },
        readBack: status.exabgp.readBack,
      },
    }),
    services: status.services.map((service) => ({
      name: service.name,
      state: service.state.name,
      announced: service.announced,
      drained: service.drained,
      ...(service.drain && { drain: service.drain }),
      ...(service.lastResult && {
        lastResult: { status: service.lastResult.status, reason: service.lastResult.reason, durationMs: service.lastResult.durationMs },
      }),
      ...(Object.keys(service.values).length > 0 && { values: service.values }),
      routes: routes.get(service.name) ?? [],
    })),
    neighbors: [...(runtime?.neighbors ?? new Map())].map(([peer, entry]) => ({
      peer,
      state: entry.state,
      since: entry.since,
      receivedRoutes: entry.received.size,
    })),
    ...(status.watchdog && { watchdog: status.watchdog }),
  };
}
