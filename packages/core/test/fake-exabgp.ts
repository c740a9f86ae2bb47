import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { exaplugBin } from './e2e-support.js';

/** A built `exaplug run` whose ExaBGP is this test: ExaBGP 4.2 with acks, answering every command `done`. */
export interface ExaplugUnderFakeExabgp {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** Every line exaplug wrote to ExaBGP. */
  commands: string[];
  stderr(): string;
  /** SIGTERM, then resolves once exited. */
  stop(): Promise<void>;
}

/** Starts `exaplug run --config PATH` with a fake ExaBGP on its stdin and stdout. */
export function runUnderFakeExabgp(configPath: string): ExaplugUnderFakeExabgp {
  const child = spawn(process.execPath, [exaplugBin, 'run', '--config', configPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  const commands: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    commands.push(line);
    if (child.stdin.writable) child.stdin.write(line === 'system version' ? 'exabgp 4.2.21\ndone\n' : 'done\n');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid as number,
    commands,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
