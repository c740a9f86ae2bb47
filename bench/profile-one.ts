// `node --import tsx bench/profile-one.ts <file|http> [extra check options]`: 1000 services for 12 s under
// `node --cpu-prof`, then the top self-time functions of the profile.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx } from '@exaplug/test-support/nginx';
import { servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { sleep } from './measure-process.js';

const [kind = 'file', extra = ''] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'exaplug-profile-'));
await writeFile(join(dir, 'file.yaml'), 'ok\n');
const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }', workerConnections: 4000 });
const check = kind === 'file' ? `{ use: file, with: { path: ${JSON.stringify(join(dir, 'file.yaml'))} } }` : `{ use: http, with: { url: '${nginx.url('/health')}'${extra} } }`;
await writeFile(join(dir, 'c.yaml'), servicesConfig(1000, () => check));
const exaplug = startExaplug(join(dir, 'c.yaml'), ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
await sleep(12_000);
await exaplug.stop();
await nginx.stop();
const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile written');
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; }
const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
// Steady state only: the first 4 s are start-up (imports, config, the first round's spread).
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  elapsedUs += profile.timeDeltas[i] ?? 0;
  if (elapsedUs < 4_000_000) return;
  const frame = byId.get(id)?.callFrame;
  const key = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '~/').replace(/^.*wt-b\//, '')}:${frame.lineNumber}` : '?';
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 35))) console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
console.log(`profile: ${join(dir, file)}`);
