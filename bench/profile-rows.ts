// CPU profiles of the rows of `npm run bench` that miss their goal (issue 21 §3), as text:
// `node --cpu-prof` on the exaplug process of the row, summed by function (self time, and
// the inclusive time of exaplug's own functions). run-all.ts writes them to bench/profiles/.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { exaplugBin, servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { sleep } from './measure-process.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The module a line of the bundle (dist/bundle/run-directly.cjs) came from: esbuild heads
 * each with a `// dist/…` or `// ../../node_modules/…` comment. Other files: themselves.
 */
const bundleModules = new Map<string, Array<[number, string]>>();
function moduleOf(url: string, lineNumber: number): string | undefined {
  if (!url.endsWith('/dist/bundle/run-directly.cjs')) return undefined;
  let starts = bundleModules.get(url);
  if (!starts) {
    starts = [];
    readFileSync(fileURLToPath(url), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const match = /^\/\/ (\S*(?:dist|node_modules)\/\S*\.[cm]?js)$/.exec(line);
        if (match) starts!.push([index, match[1]!.replace(/^(\.\.\/)+/, '').replace(/^packages\/core\//, '')]);
      });
    bundleModules.set(url, starts);
  }
  let found: string | undefined;
  for (const [start, name] of starts) {
    if (start > lineNumber) break;
    found = name;
  }
  return found && `bundle:${found}`;
}

const where = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = moduleOf(url, lineNumber) ?? url.replace(/^file:\/\/.*\/(packages\/[^/]+\/(dist|src)\/|node_modules\/)/, '$1');
  // A RegExp's "function name" is its source, kilobytes for zod's IPv6 one.
  const name = functionName.length > 80 ? `${functionName.slice(0, 77)}…` : functionName;
  return `${name || '(anonymous)'} ${file}${url && !file.startsWith('bundle:') ? `:${lineNumber + 1}` : ''}`;
};

/** The top functions of a profile between `fromMs` and `untilMs`: by self time, and exaplug's own by inclusive time. */
export function summarizeProfile(profile: CpuProfile, title: string, fromMs = 0, untilMs = Number.POSITIVE_INFINITY, top = 30): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let elapsedUs = 0;
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedUs += delta;
    if (elapsedUs < fromMs * 1000 || elapsedUs > untilMs * 1000) return;
    totalUs += delta;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') idleUs += delta;
    self.set(where(node), (self.get(where(node)) ?? 0) + delta);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || !/packages\/(core|protocol)\//.test(frame.callFrame.url) || /node_modules/.test(moduleOf(frame.callFrame.url, frame.callFrame.lineNumber) ?? '')) continue;
      const key = where(frame);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
      seen.add(key);
    }
  });
  const percent = (us: number) => `${((us / totalUs) * 100).toFixed(2).padStart(6)} %`;
  const lines = [
    title,
    `${(totalUs / 1e6).toFixed(2)} s sampled, ${percent(totalUs - idleUs).trim()} of it busy (the rest idle)`,
    '',
    `Top ${top} by self time:`,
    ...[...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => `${percent(us)}  ${key}`),
    '',
    `exaplug's own functions (core, protocol) by inclusive time:`,
    ...[...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => `${percent(us)}  ${key}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function readProfile(dir: string): Promise<CpuProfile> {
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile written in ${dir}`);
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
}

/** 1000 `file` services for 12 s; steady state only (from 4 s on). */
export async function profileFileChecks(dir: string): Promise<string> {
  const profiles = await mkdtemp(join(tmpdir(), 'exaplug-profile-'));
  try {
    await writeFile(join(dir, 'file.yaml'), 'ok\n');
    const configFile = join(dir, 'profile-file.yaml');
    await writeFile(configFile, servicesConfig(1000, () => `{ use: file, with: { path: ${JSON.stringify(join(dir, 'file.yaml'))} } }`));
    const startedAt = performance.now();
    const exaplug = startExaplug(configFile, ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
    await sleep(12_000);
    // Up to the stop: what the shutdown does (withdrawing 1000 routes) is not the steady state.
    const untilMs = performance.now() - startedAt - 200;
    await exaplug.stop();
    return summarizeProfile(await readProfile(profiles), 'exaplug run, 1000 file services at 1 s, steady state (from 4 s to the stop)', 4000, untilMs);
  } finally {
    await rm(profiles, { recursive: true, force: true });
  }
}

/** `exaplug run` from its start to its first command (three file services), ten starts summed. */
export async function profileStartup(dir: string): Promise<string> {
  const configFile = join(dir, 'profile-spawn.yaml');
  await writeFile(configFile, servicesConfig(3, () => `{ use: file, with: { path: ${JSON.stringify(configFile)} } }`));
  const profiles = await mkdtemp(join(tmpdir(), 'exaplug-profile-'));
  try {
    const exaplug = startExaplug(configFile, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, '--cpu-prof-interval=100']);
    await exaplug.firstCommand;
    await exaplug.stop();
    return summarizeProfile(await readProfile(profiles), 'exaplug run, spawn to exit right after the first command (3 file services)');
  } finally {
    await rm(profiles, { recursive: true, force: true });
  }
}

/**
 * The announce row's exaplug side without ExaBGP: the same config (`count` IPs, 100 a
 * service, rotated MEDs), a stand-in that says the peer is up and acks every line; from
 * spawn until the last announce is written.
 */
export async function profileAnnounce(dir: string, count = 10_000): Promise<string> {
  const perService = 100;
  const services = Math.ceil(count / perService);
  const ipOf = (service: number, index: number) => `'2001:db8:${service.toString(16)}:${index.toString(16)}::1/128'`;
  await writeFile(join(dir, 'up'), '');
  const lines = Array.from({ length: services }, (_, s) => `  s${s}:\n    ips: [${Array.from({ length: perService }, (_, i) => ipOf(s, i)).join(', ')}]\n    check: { use: file, with: { path: up } }`);
  const configFile = join(dir, 'profile-announce.yaml');
  await writeFile(configFile, `log: { level: warn }\ndefaults: { interval: 200ms, rise: 1, fall: 2, timeout: 1s }\nservices:\n${lines.join('\n')}\n`);
  const profiles = await mkdtemp(join(tmpdir(), 'exaplug-profile-'));
  try {
    const startedAt = performance.now();
    const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, exaplugBin, 'run', '--config', configFile], { stdio: ['pipe', 'pipe', 'ignore'] });
    const peerUp = { exabgp: '4.0.1', time: 0, host: 'bench', pid: 1, ppid: 1, counter: 1, type: 'state', neighbor: { address: { local: '::1', peer: '::1' }, asn: { local: 65001, peer: 65001 }, state: 'up' } };
    const done = new Promise<void>((resolve, reject) => {
      let announced = 0;
      let first = true;
      setTimeout(() => reject(new Error(`${announced} of ${count} announced after 60 s`)), 60_000).unref();
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (first) child.stdin!.write(`${JSON.stringify(peerUp)}\n`);
        first = false;
        child.stdin!.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
        if (line.startsWith('announce') && ++announced === count) resolve();
      });
    });
    child.stdin!.on('error', () => {});
    await done;
    const untilMs = performance.now() - startedAt;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    return summarizeProfile(await readProfile(profiles), `exaplug run, ${count} IPs with rotated MEDs, spawn to the last announce written (stand-in ExaBGP acking at once)`, 0, untilMs);
  } finally {
    await rm(profiles, { recursive: true, force: true });
  }
}
