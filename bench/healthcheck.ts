import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpuSecondsOf, sleep } from './measure-process.js';

/** How many healthcheck processes run side by side: one alone uses a few clock ticks (10 ms each) in a window. */
const processes = 10;
const windowMs = 15_000;

/**
 * ExaBGP healthcheck processes (`--cmd curl`, interval 1 s, one per service as the
 * healthcheck is used) checking the same nginx: the CPU of one, with its curls' (reaped
 * children) and alone, as a percentage of one core, averaged over `processes` of them so
 * that the 10 ms clock ticks of /proc do not dominate. Each reads one ack per line it
 * writes, as with ExaBGP 4.2's acks.
 */
export async function measureHealthcheck(url: string): Promise<{ withCurl: number; own: number; processes: number }> {
  const children: ChildProcess[] = [];
  try {
    for (let index = 0; index < processes; index++) {
      const child = spawn(
        '/usr/bin/exabgp-healthcheck',
        ['--no-syslog', '--no-ip-setup', '--name', `web${index}`, '--cmd', `curl -gsf -o /dev/null --max-time 1 ${url}`, '--interval', '1', '--rise', '1', '--fall', '2', '--ip', `2001:db8::${index + 1}/128`],
        { stdio: ['pipe', 'pipe', 'ignore'] },
      );
      createInterface({ input: child.stdout! }).on('line', () => child.stdin!.write('done\n'));
      child.stdin!.on('error', () => {});
      children.push(child);
    }
    await sleep(3000);
    const pids = children.map((child) => child.pid as number);
    const total = async (withChildren: boolean) => (await Promise.all(pids.map((pid) => cpuSecondsOf(pid, withChildren)))).reduce((a, b) => a + b, 0);
    const [ownBefore, allBefore] = [await total(false), await total(true)];
    const startedAt = performance.now();
    await sleep(windowMs);
    const seconds = (performance.now() - startedAt) / 1000;
    const [ownAfter, allAfter] = [await total(false), await total(true)];
    const percentEach = (cpu: number) => (cpu / seconds / processes) * 100;
    return { withCurl: percentEach(allAfter - allBefore), own: percentEach(ownAfter - ownBefore), processes };
  } finally {
    for (const child of children) child.kill('SIGKILL');
  }
}
