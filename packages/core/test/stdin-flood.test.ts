import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt, exaplugBin } from './e2e-support.js';
import { readFixture } from './fixtures.js';

// A real `neighbor X down` line of ExaBGP 4.2's text encoder: a flapping peer, or a
// process that ExaBGP floods, must not starve the checks into a false down.
const downLine = readFixture('exabgp-4.2/text/state-down.txt').split('\n')[0] as string;
const config = 'services:\n  web:\n    ips: [192.0.2.1/32]\n    check: { use: exec, with: { command: "true" } }\n    interval: 200ms\n    rise: 1\n    fall: 1\n    timeout: 1s\n';

const linesPerSecond = 60_000;
const floodMs = 4000;

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

describe('exaplug run under a flood on stdin', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-flood-'));
    await writeFile(join(dir, 'exaplug.yaml'), config);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps its checks on time: no false transition, bounded memory, a few log lines', async () => {
    const child = spawn(process.execPath, [exaplugBin, 'run', '--config', join(dir, 'exaplug.yaml'), '--log-level', 'debug'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    let stderr = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      child.stdin.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => stdout.includes('announce route 192.0.2.1/32 next-hop self med 100'), { timeoutMs: 15_000, what: 'the up announcement' });
      const logLinesBefore = stderr.split('\n').length;

      // Half one peer flapping, half a new peer per line (a table that must stay bounded).
      let written = 0;
      let peakRss = 0;
      const started = Date.now();
      while (Date.now() - started < floodMs) {
        const tick = Date.now();
        const due = Math.round(((tick - started) / 1000) * linesPerSecond) - written;
        if (due > 0) {
          let chunk = '';
          for (let i = 0; i < due; i++) {
            const n = written + i;
            chunk += `${n % 2 === 0 ? downLine : downLine.replace('127.0.0.1', `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`)}\n`;
          }
          written += due;
          if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
        }
        peakRss = Math.max(peakRss, rssMegabytes(child.pid as number));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const elapsedMs = Date.now() - started;
      // Checks still come after the flood: exaplug read it all and is still on time.
      await waitFor(() => stderr.split('"check completed"').length > 3, { timeoutMs: 5000, what: 'checks after the flood' });

      const logs = stderr
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; time: number; to?: string; status?: string });
      const checks = logs.filter((log) => log.msg === 'check completed' || log.msg === 'check result changed').map((log) => log.time);
      const gaps = checks.slice(1).map((time, index) => time - (checks[index] as number));
      const maxGap = Math.max(...gaps);
      // The figures, for whoever tunes the slices (docs/architecture.md quotes them).
      process.stderr.write(
        `flood: ${written} lines in ${elapsedMs} ms (${Math.round(written / (elapsedMs / 1000))} lines/s), ` +
          `peak RSS ${Math.round(peakRss)} MB, longest gap between checks ${maxGap} ms, ` +
          `${stderr.split('\n').length - logLinesBefore} log lines\n`,
      );

      expect(written).toBeGreaterThan(linesPerSecond * (floodMs / 1000) * 0.5);
      expect(stdout.filter((line) => line.startsWith('announce') || line.startsWith('withdraw'))).toEqual([
        'announce route 192.0.2.1/32 next-hop self med 100',
      ]);
      expect(logs.filter((log) => log.msg === 'health changed' && log.to !== 'up')).toEqual([]);
      expect(logs.filter((log) => log.status === 'failed')).toEqual([]);
      // Interval 200 ms, timeout 1 s: a gap this long would be a starved check.
      expect(maxGap).toBeLessThan(1000);
      expect(peakRss).toBeLessThan(250);
      expect(stderr.split('\n').length - logLinesBefore).toBeLessThan(1000);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
