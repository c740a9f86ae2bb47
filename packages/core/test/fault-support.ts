import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { exaplugBin } from './e2e-support.js';

/** The built plugin entry, imported by absolute URL from plugins written into a temp dir. */
const pluginEntry = new URL('../dist/plugin.js', import.meta.url).href;

export interface RunHandle {
  child: ChildProcessWithoutNullStreams;
  /** Lines exaplug wrote on stdout, in order. */
  stdout: string[];
  stderr(): string;
  /** Parsed JSON log lines from stderr (non-JSON lines skipped). */
  logs(): Array<Record<string, unknown> & { msg?: string }>;
  /** Resolves with the exit code (or the signal name) and when it happened. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Stop answering `done` to commands (ExaBGP that closed its sessions). */
  stopAcking(): void;
}

/** `exaplug run` as ExaBGP would start it, with the test playing ExaBGP 4.2 on its pipes. */
export function startRun(configPath: string, env: Record<string, string> = {}, options: { realPipe?: boolean } = {}): RunHandle {
  // Node's spawn gives the child socketpairs; ExaBGP gives real pipes. The `| cat`s make
  // exaplug's stdout and stderr real pipes.
  const argv = options.realPipe
    ? ['/bin/sh', ['-c', 'exec 3>&1; ("$0" "$@" | cat >&3) 2>&1 | cat >&2', process.execPath, exaplugBin, 'run', '--config', configPath]] as const
    : [process.execPath, [exaplugBin, 'run', '--config', configPath]] as const;
  const child = spawn(argv[0], [...argv[1]], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: options.realPipe === true,
  });
  const stdout: string[] = [];
  let stderr = '';
  let acking = true;
  child.stdin.on('error', () => {});
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout.push(line);
    if (!acking) return;
    // Acknowledge like ExaBGP 4.2 does: output first, then `done`.
    if (line === 'system version') child.stdin.write('exabgp 4.2.21\ndone\n');
    else child.stdin.write('done\n');
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() })),
  );
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return { child, stdout, stderr: () => stderr, logs, exited, stopAcking: () => (acking = false) };
}

/** A temp dir with exaplug.yaml and optional check plugins (`<name>.mjs`, body of `create`). */
export async function writeFixture(config: string, plugins: Record<string, string> = {}): Promise<{ dir: string; configPath: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'exaplug-fault-'));
  for (const [name, createBody] of Object.entries(plugins)) {
    await writeFile(
      join(dir, `${name}.mjs`),
      `import { defineCheck, z, healthy, failed } from '${pluginEntry}';
export const check = defineCheck({
  name: '${name}',
  coreVersion: '*',
  options: z.object({}),
  create(options, context) {
${createBody}
  },
});
`,
    );
  }
  await writeFile(join(dir, 'exaplug.yaml'), config);
  return { dir, configPath: join(dir, 'exaplug.yaml') };
}

/** Directory of this file, for paths in configs. */
export const testDir = fileURLToPath(new URL('.', import.meta.url));

/** A JSON line ExaBGP 4.2 writes for a neighbor state change. */
export function stateLine(peer: string, state: 'up' | 'down' | 'connected', reason?: string): string {
  return `{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "counter": 1, "type": "state", "neighbor": { "address": { "local": "127.0.0.2", "peer": "${peer}" }, "asn": { "local": 65001, "peer": 65002 } , "state": "${state}"${reason ? `, "reason": "${reason}"` : ''} } }`;
}

/** ExaBGP's `shutdown` notification (4.2 and 5.0): its sessions are already closed. */
export const shutdownLine =
  '{ "exabgp": "4.0.1", "time": 1, "host" : "vm", "pid" : 1, "ppid" : 1, "type": "notification", "notification": "shutdown" }';

/** Processes whose command line contains `marker`. */
export async function processesMatching(marker: string): Promise<number[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) =>
    execFile('/usr/bin/pgrep', ['-f', marker], (_error, stdout) => resolve(String(stdout).split('\n').filter(Boolean).map(Number))),
  );
}
