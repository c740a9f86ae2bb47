import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const exaplugBin = fileURLToPath(new URL('../packages/core/bin/run.js', import.meta.url));

/** `exaplug run` with its stdin and stdout wired to a stand-in ExaBGP 4.2 that acknowledges every command. */
export interface ExaplugChild {
  child: ChildProcess;
  /** ms from spawn to the first line exaplug wrote (`system version`). */
  firstCommand: Promise<number>;
  /** Lines starting with `announce` seen so far. */
  announced(): number;
  stop(): Promise<void>;
}

export function startExaplug(configFile: string, nodeArgs: string[] = []): ExaplugChild {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, exaplugBin, 'run', '--config', configFile], { stdio: ['pipe', 'pipe', 'ignore'] });
  let announces = 0;
  let markFirst: (ms: number) => void = () => {};
  const firstCommand = new Promise<number>((resolve) => (markFirst = resolve));
  let seenFirst = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!seenFirst) {
      seenFirst = true;
      markFirst(performance.now() - startedAt);
    }
    if (line.startsWith('announce')) announces += 1;
    // ExaBGP 4.2 with acks: the version answer, then `done` after every command.
    child.stdin!.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
  });
  child.stdin!.on('error', () => {});
  return {
    child,
    firstCommand,
    announced: () => announces,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** A config of `count` services, each with its own /128 and the given check. */
export function servicesConfig(count: number, check: (index: number) => string, timing = 'interval: 1s, fastInterval: 1s, rise: 1, fall: 2, timeout: 1s, minDwell: 0s'): string {
  const services = Array.from({ length: count }, (_, i) => `  s${i}:\n    ips: ['2001:db8:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::1/128']\n    check: ${check(i)}`);
  return `exabgp: { acks: on, dialect: neighbor }\nlog: { level: warn }\ndefaults: { ${timing} }\nservices:\n${services.join('\n')}\n`;
}
