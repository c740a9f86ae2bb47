import { join } from 'node:path';
import { writeTemplate } from './render-template.js';
import { rotateMed, serviceIps, type WebNode } from './topology.js';

/** Health-check timing shared by exaplug and exabgp-healthcheck (milliseconds). */
export interface CheckTiming {
  interval: number;
  fastInterval: number;
  rise: number;
  fall: number;
  timeout: number;
  /** exaplug's minDwell (between two announcements of a service); 1 s, its default, when unset. */
  minDwell?: number;
  /** exaplug's refusedIsDown (a refused reconnect seen by the watch is the whole fall); its default when unset. */
  refusedIsDown?: boolean;
}

/** How long a drained node keeps its routes (GRACEFUL_SHUTDOWN) before withdrawing them: room to see the traffic leave first. */
export const drainWithdrawAfterMs = 4000;

/** ExaBGP healthcheck's defaults. */
export const healthcheckDefaults: CheckTiming = { interval: 5000, fastInterval: 1000, rise: 3, fall: 3, timeout: 5000 };
/** The fast settings of the issue (and of the lab test). */
export const fastTiming: CheckTiming = { interval: 1000, fastInterval: 200, rise: 2, fall: 2, timeout: 1000 };
/** Issue 11's failover goal: the check's watch triggers the round, the fast interval does the rest. */
export const watchTiming: CheckTiming = { interval: 1000, fastInterval: 100, rise: 2, fall: 2, timeout: 1000, minDwell: 0 };

/** What each web node's ExaBGP runs as its process. */
export type ProcessSpec =
  | { kind: 'standin' }
  | { kind: 'exaplug'; timing: CheckTiming; check?: ExaplugCheck }
  | { kind: 'healthcheck'; timing: CheckTiming };

/**
 * exaplug's check: `exec` runs the same curl as exabgp-healthcheck; `http` is
 * @exaplug/check-http polling only; `http-watch` adds its watch (a held connection to
 * nginx: a refused reconnect runs the check at once).
 */
export type ExaplugCheck = 'exec' | 'http' | 'http-watch';

/** Values for exabgp.conf.tmpl: PROCESS, RUN, ENCODER, API. */
export interface ProcessBlock {
  PROCESS: string;
  RUN: string;
  ENCODER: string;
  API: string;
}

/** The health check both tools run: nginx on the node's own address. */
export function checkCommand(node: WebNode): string {
  return `curl -gsf -o /dev/null --max-time 1 http://[${node.address}]/`;
}

/** The `check:` value of exaplug.yaml (a YAML flow mapping). */
export function exaplugCheck(check: ExaplugCheck, node: WebNode): string {
  if (check === 'exec') return `{ use: exec, with: { command: '${checkCommand(node)}' } }`;
  // expectBody: the answer must come from this node's nginx, not merely some nginx. The
  // attempt's deadline is the service's timeout.
  return `{ use: http, with: { url: 'http://[${node.address}]/', expectBody: '${node.name}', watch: ${check === 'http-watch'} } }`;
}

/**
 * Writes whatever the process needs into the node's run dir and returns its
 * `process` block. exabgp-healthcheck is not subscribed to any message: it reads
 * exactly one ack per line it writes, so extra messages would fill its pipe.
 */
export function prepareProcess(spec: ProcessSpec, node: WebNode, nodeDir: string, confDir: string, repoDir: string): ProcessBlock {
  if (spec.kind === 'standin') {
    const args = serviceIps.map((ip, j) => `${ip}=${rotateMed(node.index, j)}`).join(' ');
    return { PROCESS: 'standin', RUN: `${join(confDir, 'standin.sh')} ${args}`, ENCODER: 'text', API: ' neighbor-changes;' };
  }
  const t = spec.timing;
  if (spec.kind === 'exaplug') {
    const config = join(nodeDir, 'exaplug.yaml');
    writeTemplate(join(confDir, 'exaplug.yaml.tmpl'), config, {
      NODE: node.name,
      DIR: nodeDir,
      WITHDRAW_AFTER: `${drainWithdrawAfterMs}ms`,
      INDEX: node.index,
      INTERVAL: `${t.interval}ms`,
      FAST_INTERVAL: `${t.fastInterval}ms`,
      RISE: t.rise,
      FALL: t.fall,
      TIMEOUT: `${t.timeout}ms`,
      MIN_DWELL: `${t.minDwell ?? 1000}ms`,
      // Written only when set: a core without the setting refuses the key.
      TIMING_EXTRA: t.refusedIsDown === undefined ? '' : `    refusedIsDown: ${t.refusedIsDown}\n`,
      CHECK: exaplugCheck(spec.check ?? 'exec', node),
    });
    const run = `/usr/bin/env node ${join(repoDir, 'packages/core/bin/run.js')} run --config ${config}`;
    return { PROCESS: 'exaplug', RUN: run, ENCODER: 'json', API: ' neighbor-changes;' };
  }
  // Same MEDs as rotate: healthcheck gives IP i of its list up-metric + i × increase.
  const ordered = serviceIps
    .map((ip, j) => ({ ip, med: rotateMed(node.index, j) }))
    .sort((a, b) => a.med - b.med)
    .map(({ ip }) => `--ip ${ip}/128`);
  const run = [
    '/usr/bin/exabgp-healthcheck --no-syslog --no-ip-setup --name web',
    `--cmd "${checkCommand(node)}"`,
    `--interval ${t.interval / 1000} --fast-interval ${t.fastInterval / 1000}`,
    `--rise ${t.rise} --fall ${t.fall} --timeout ${t.timeout / 1000}`,
    '--up-metric 100 --down-metric 1000 --increase 1',
    ...ordered,
  ].join(' ');
  return { PROCESS: 'healthcheck', RUN: run, ENCODER: 'text', API: '' };
}
