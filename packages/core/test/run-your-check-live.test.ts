import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@exaplug/test-support/wait-for';
import { assertBuilt } from './e2e-support.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const page = join(root, 'docs/run-your-check-live.md');

/**
 * docs/run-your-check-live.md as a plugin author follows it: its YAML, as written (the
 * `./up` file it watches lives beside it), run by the page's command for a later run,
 * `npm run demo -- --config FILE` (what `npm start` runs once the machine is prepared).
 */
describe('run your check live: the page’s config under ExaBGP + BIRD via npm run demo', () => {
  let dir: string;
  let demo: ChildProcess;
  let output = '';
  let exited: Promise<string>;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'exaplug-live-'));
    const markdown = await readFile(page, 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
    if (!yaml?.includes('path: ./up')) throw new Error(`${page}: expected a yaml block with a file check on ./up`);
    await writeFile(join(dir, 'live.yaml'), yaml);
    await writeFile(join(dir, 'up'), '');
    expect(markdown).toContain(`npm run demo -- --config /absolute/path/live.yaml`);
    // Its own process group, as a terminal's: Ctrl-C reaches npm, the demo, ExaBGP and exaplug.
    demo = spawn('npm', ['run', 'demo', '--', '--config', join(dir, 'live.yaml')], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => demo.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  });

  afterAll(async () => {
    if (demo?.pid !== undefined && isAlive(-demo.pid)) process.kill(-demo.pid, 'SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The last table the demo printed. */
  const lastTable = () => output.slice(output.lastIndexOf('BIRD holds:'));

  it('validates the config, then shows both routes announced in BIRD', async () => {
    await waitFor(() => /2001:db8:40::1\/128\s+MED 100\b/.test(lastTable()) && /192\.0\.2\.40\/32\s+MED 101\b/.test(lastTable()), {
      timeoutMs: 45_000,
      what: `both routes in BIRD:\n${output}`,
    });
    expect(output).toContain('live.yaml: valid, 1 service');
    expect(output).toMatch(/In another terminal: exaplug status --config \S+live\.yaml/);
  }, 60_000);

  it('shows the down MEDs once the watched file is gone', async () => {
    await rm(join(dir, 'up'));
    await waitFor(() => /2001:db8:40::1\/128\s+MED 1000\b/.test(lastTable()), { timeoutMs: 20_000, what: `the down MED:\n${output}` });
  }, 30_000);

  it('stops everything on Ctrl-C: the demo, ExaBGP, exaplug and BIRD', async () => {
    const group = -(demo.pid as number);
    process.kill(group, 'SIGINT');
    // npm itself dies of the SIGINT, as in a terminal; the demo cleans up and exits.
    expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('hung'), 20_000))])).toMatch(/^(SIGINT|exit 0)$/);
    await waitFor(() => !isAlive(group), { timeoutMs: 20_000, what: `every process of the demo to exit:\n${output}` });
    expect(output).toContain('stopping ExaBGP (exaplug withdraws) and BIRD.');
    expect(output).not.toMatch(/ExaBGP exited|demo failed/);
  }, 45_000);
});

/** Whether any process of this group (a negative pid) is still running. */
function isAlive(group: number): boolean {
  try {
    process.kill(group, 0);
    return true;
  } catch {
    return false;
  }
}
