import { coreVersion } from '../plugins/core-version.js';
import type { ExabgpProcess } from '../process/exabgp-process.js';
import type { ControlRequest, StatusReport } from './control-protocol.js';

/**
 * What each control verb does to a running exaplug. `status` answers in every state;
 * the others need running services (idle and loading have none).
 */
export async function handleControlRequest(shell: ExabgpProcess, request: ControlRequest, pid: number): Promise<unknown> {
  switch (request.command) {
    case 'status':
      return statusReportOf(shell, pid);
    case 'reload':
      return shell.reloadNow();
    case 'drain':
    case 'undrain': {
      const runtime = shell.runtimeForControl();
      const names = request.services === 'all' ? runtime.serviceNames : request.services;
      await runtime.setDrained(names, request.command === 'drain', { wait: request.command === 'drain' && request.wait === true });
      return { services: names };
    }
    case 'recheck': {
      const runtime = shell.runtimeForControl();
      const names = request.services === 'all' ? runtime.serviceNames : request.services;
      await Promise.all(names.map((name) => runtime.recheck(name)));
      return statusReportOf(shell, pid);
    }
  }
}

/** Everything `exaplug status` shows, as ExaBGP and the checks stand now. */
export function statusReportOf(shell: ExabgpProcess, pid: number): StatusReport {
  const status = shell.status;
  const runtime = shell.state === 'running' ? shell.runtimeForControl() : undefined;
  const routes = runtime?.routesByService() ?? new Map();
  return {
    pid,
    version: coreVersion,
    state: status.state,
    config: shell.loadedConfig?.filepath,
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
      ...(service.lastResult && {
        lastResult: { status: service.lastResult.status, reason: service.lastResult.reason, durationMs: service.lastResult.durationMs },
      }),
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
