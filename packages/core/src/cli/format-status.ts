import type { IdleReport, ReadBackReport, StatusReport } from '../control/control-protocol.js';
import { formatTable } from './format-table.js';

/** `exaplug status` for a terminal: the process, each service with its routes as written, the neighbors. */
export function formatStatus(report: StatusReport): string {
  const lines: string[] = [];
  const exabgp = report.exabgp ? `, exabgp ${report.exabgp.version ?? 'unknown'} (${report.exabgp.dialect}, acks ${report.exabgp.acks})` : '';
  lines.push(`exaplug ${report.version}, pid ${report.pid}: ${report.state}${exabgp}`);
  if (report.config) lines.push(`config ${report.config}${report.state === 'running' && report.configValid === false ? staleConfig : ''}`);
  if (report.idle) lines.push(...formatIdle(report.idle));
  const readBack = report.exabgp?.readBack;
  if (readBack) lines.push(formatReadBack(readBack));
  const rows = report.services.map((service) => [
    service.name,
    service.state,
    service.drained ? `drained (${service.drained}${service.drain ? `, by ${service.drain.by} since ${service.drain.since}` : ''})` : (service.announced ?? '-'),
    service.routes.map((route) => (route.action === 'withdraw' ? `${route.prefix} withdrawn` : `${route.prefix} med ${route.med ?? '-'}`)).join(', ') || '-',
    service.lastResult ? `${service.lastResult.status}${service.lastResult.reason ? `: ${service.lastResult.reason}` : ''}${formatValues(service.values)}` : '-',
  ]);
  // Idle or loading, there are no services to show: an empty table would only be noise.
  if (rows.length > 0 || report.state === 'running') lines.push('', formatTable(['service', 'health', 'announced', 'routes as written', 'last check'], rows));
  if (report.neighbors.length > 0) {
    lines.push('', formatTable(['neighbor', 'state', 'received routes kept'], report.neighbors.map((n) => [n.peer, n.state, String(n.receivedRoutes)])));
  }
  return lines.join('\n');
}

/** ` (load 0.7, lagS 4)`: the numbers a live-value strategy follows, beside the check's verdict. */
function formatValues(values: Record<string, number> | undefined): string {
  if (!values) return '';
  return ` (${Object.entries(values).map(([name, value]) => `${name} ${Number(value.toPrecision(4))}`).join(', ')})`;
}

const staleConfig = ' (does not load any more: the last reload was refused; the config loaded before runs on)';

/** Why exaplug is idle, and what becomes of the routes a previous exaplug left. */
function formatIdle(idle: IdleReport): string[] {
  const what = idle.problem === 'startup' ? 'the run line in exabgp.conf is wrong' : 'the config does not load';
  return [`idle for ${idle.sinceSeconds}s: ${what}:`, ...idle.reasons.map((reason) => `  ${reason}`), formatIdleRoutes(idle.routes)];
}

function formatIdleRoutes(routes: IdleReport['routes']): string {
  const head = 'routes a previous exaplug left';
  switch (routes.action) {
    case 'withdraw': {
      const setting = `onInvalidConfig: withdraw after ${routes.afterSeconds}s`;
      if (routes.inSeconds === 0) return `${head} inside allowedPrefixes: withdrawn (${setting}, passed)`;
      return `${head} inside allowedPrefixes: withdrawn in ${routes.inSeconds}s unless the config is fixed and reloaded (${setting})`;
    }
    case 'keep':
      return `${head}: stay announced, unchecked (onInvalidConfig: keep)`;
    case 'none':
      return `${head}: ${routes.why}`;
  }
}

/** One line, or one per divergence: whether ExaBGP holds what exaplug announced. */
function formatReadBack(readBack: ReadBackReport): string {
  if (readBack.off) return `read-back: off (${readBack.off})`;
  if (readBack.ageSeconds === undefined) return 'read-back: not yet';
  const head = `read-back ${readBack.ageSeconds}s ago: ${readBack.divergences.length === 0 ? 'ExaBGP holds what exaplug announced' : `${readBack.divergences.length} divergences, sent again`} (${readBack.total} since start)`;
  return [head, ...readBack.divergences.map((line) => `  ${line}`)].join('\n');
}
