// `node --import tsx bench/heap-profile.ts [services]`: the RSS row's profile. exaplug with 1000
// http services (watch on, the default) against a local nginx for 30 s, then its RSS and a heap
// snapshot (taken after a full GC, so only what lives): what the live heap is made of, by
// constructor, and how much of the RSS is not live heap at all. Writes bench/profiles/rss-http.txt.
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNginx } from '@exaplug/test-support/nginx';
import { servicesConfig, startExaplug } from './exaplug-under-fake-exabgp.js';
import { sleep } from './measure-process.js';

const services = Number(process.argv[2] ?? 1000);
const dir = await mkdtemp(join(tmpdir(), 'exaplug-heap-'));
const nginx = await startNginx({ locations: 'location = /health { return 200 "ok\\n"; }', workerConnections: 4 * services });
const rssMiB = async (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

await writeFile(join(dir, 'c.yaml'), servicesConfig(services, () => `{ use: http, with: { url: '${nginx.url('/health')}' } }`));
const exaplug = startExaplug(join(dir, 'c.yaml'), ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`]);
const pid = exaplug.child.pid as number;
await sleep(30_000);
const before = await rssMiB(pid);
process.kill(pid, 'SIGUSR2');
const file = await snapshotWritten();
await exaplug.stop();
await nginx.stop();

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}
const heap = JSON.parse(await readFile(file, 'utf8')) as Snapshot;
const fields = heap.snapshot.meta.node_fields;
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
const types = heap.snapshot.meta.node_types[0];
const bySize = new Map<string, { bytes: number; count: number }>();
let live = 0;
for (let i = 0; i < heap.nodes.length; i += fields.length) {
  const type = types[heap.nodes[i + typeAt] as number] as string;
  const name = type === 'object' || type === 'closure' ? (heap.strings[heap.nodes[i + nameAt] as number] as string) : `(${type})`;
  const size = heap.nodes[i + sizeAt] as number;
  live += size;
  const entry = bySize.get(name) ?? { bytes: 0, count: 0 };
  entry.bytes += size;
  entry.count += 1;
  bySize.set(name, entry);
}
const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);
const lines = [
  `exaplug, ${services} http services (watch on), 30 s against a local nginx; measured ${new Date().toISOString()}`,
  `RSS before the snapshot: ${before.toFixed(0)} MiB; live JS heap after a full GC: ${mib(live)} MiB (the rest: V8's heap headroom and code, Node and libuv, sockets' buffers)`,
  '',
  'self size  count     what (constructor, or the kind of heap object)',
  ...[...bySize]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, 30)
    .map(([name, { bytes, count }]) => `${mib(bytes).padStart(7)} MiB ${String(count).padStart(7)}  ${name.slice(0, 80)}`),
];
const out = new URL('./profiles/rss-http.txt', import.meta.url);
await writeFile(out, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);

/** The snapshot's file, once V8 has finished writing it (its size stops growing). */
async function snapshotWritten(): Promise<string> {
  for (let last = -1; ; await sleep(500)) {
    const name = (await readdir(dir)).find((entry) => entry.endsWith('.heapsnapshot'));
    if (name === undefined) continue;
    const size = (await stat(join(dir, name))).size;
    if (size > 0 && size === last) return join(dir, name);
    last = size;
  }
}
