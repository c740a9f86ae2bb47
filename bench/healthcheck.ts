import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpuPercentOver, cpuSecondsOf, sleep } from './measure-process.js';

/**
 * One ExaBGP healthcheck process (`--cmd curl`, interval 1 s) checking the same nginx: its
 * CPU and its curls' (reaped children), as a percentage of one core. It reads one ack per
 * line it writes, as with ExaBGP 4.2's acks.
 */
export async function measureHealthcheck(url: string): Promise<{ withCurl: number; own: number }> {
  const child = spawn(
    '/usr/bin/exabgp-healthcheck',
    ['--no-syslog', '--no-ip-setup', '--name', 'web', '--cmd', `curl -gsf -o /dev/null --max-time 1 ${url}`, '--interval', '1', '--rise', '1', '--fall', '2', '--ip', '2001:db8::1/128'],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  createInterface({ input: child.stdout! }).on('line', () => child.stdin!.write('done\n'));
  child.stdin!.on('error', () => {});
  try {
    await sleep(3000);
    const pid = child.pid as number;
    const before = await cpuSecondsOf(pid, false);
    const withCurl = await cpuPercentOver(pid, 10_000, true);
    const own = ((await cpuSecondsOf(pid, false)) - before) * 10;
    return { withCurl, own };
  } finally {
    child.kill('SIGKILL');
  }
}
