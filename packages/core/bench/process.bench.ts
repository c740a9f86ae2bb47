// The real `exaplug run` process, as ExaBGP starts it (built dist/ required):
//   npm run bench:process -w @exaplug/core
// Prints start-up time to the first command and to the first announce, then RSS and CPU
// over 10 s of steady state with 3 services checked every 200 ms.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'exaplug-bench-'));
await writeFile(
  join(dir, 'exaplug.yaml'),
  `defaults: { interval: 200ms, fastInterval: 200ms, rise: 1, fall: 1, timeout: 1s }
services:
${['a', 'b', 'c'].map((name, i) => `  ${name}:\n    ips: [2001:db8:${i + 1}::1/128]\n    check: { use: file, with: { path: exaplug.yaml } }`).join('\n')}
`,
);
const clockTicks = 100;
const cpuSeconds = async (pid: number) => {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
};
const rssMiB = async (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

const started = performance.now();
const child = spawn(process.execPath, [bin, 'run', '--config', join(dir, 'exaplug.yaml')], { stdio: ['pipe', 'pipe', 'ignore'] });
const lines = createInterface({ input: child.stdout });
let firstCommand = 0;
let firstAnnounce = 0;
lines.on('line', (line) => {
  const now = performance.now() - started;
  if (!firstCommand) {
    firstCommand = now;
    child.stdin.write('exabgp 4.2.21\ndone\n');
  }
  if (line.startsWith('announce') && !firstAnnounce) firstAnnounce = now;
  if (line.startsWith('announce')) child.stdin.write('done\n');
});
await new Promise((resolve) => setTimeout(resolve, 3000));
const cpuBefore = await cpuSeconds(child.pid as number);
await new Promise((resolve) => setTimeout(resolve, 10_000));
const cpuAfter = await cpuSeconds(child.pid as number);
const rss = await rssMiB(child.pid as number);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
await rm(dir, { recursive: true, force: true });

console.log(`start → first command (system version)   ${firstCommand.toFixed(0)} ms`);
console.log(`start → first announce (rise 1)          ${firstAnnounce.toFixed(0)} ms`);
console.log(`steady state RSS                         ${rss.toFixed(1)} MiB`);
console.log(`steady state CPU (3 checks every 200 ms) ${(((cpuAfter - cpuBefore) / 10) * 100).toFixed(2)} % of one core`);
