import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createCheckContext } from '../plugins/create-check-context.js';
import { execCheck } from './exec.js';

const context = createCheckContext({ serviceName: 's', configDir: '/tmp' });
const pgrep = (marker: string) =>
  promisify(execFile)('/usr/bin/pgrep', ['-f', marker]).then(
    ({ stdout }) => stdout.split('\n').filter(Boolean),
    () => [],
  );

async function runOnce(options: Record<string, unknown>, signal = new AbortController().signal) {
  const check = await execCheck.create(execCheck.options.parse(options), context);
  return check.run({ signal });
}

describe('exec check', () => {
  it('is healthy when the command exits 0', async () => {
    expect(await runOnce({ command: 'true' })).toMatchObject({ status: 'healthy' });
  });

  it('fails with the exit code and the tail of the output', async () => {
    const result = await runOnce({ command: 'echo backend unreachable >&2; exit 3' });
    expect(result).toMatchObject({ status: 'failed', reason: 'exit 3: backend unreachable' });
  });

  it('runs argv without a shell', async () => {
    expect(await runOnce({ argv: ['/bin/test', '-d', '/'] })).toMatchObject({ status: 'healthy' });
    expect(await runOnce({ argv: ['/nonexistent/binary'] })).toMatchObject({ status: 'failed' });
  });

  it('fails at once when aborted, then kills the whole group even if it ignores SIGTERM', async () => {
    const marker = `sleep 3${Math.floor(Math.random() * 1e6)}`;
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('timeout after 100ms')), 100);
    const result = await runOnce({ command: `trap '' TERM; ${marker} | cat` }, controller.signal);
    expect(result).toMatchObject({ status: 'failed', reason: 'aborted: timeout after 100ms' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(await pgrep(marker)).not.toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await pgrep(marker)).toEqual([]);
  });

  it('kills what the command left running in the background when it exits', async () => {
    const marker = `sleep 4${Math.floor(Math.random() * 1e6)}`;
    expect(await runOnce({ command: `${marker} >/dev/null 2>&1 & exit 0` })).toMatchObject({ status: 'healthy' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await pgrep(marker)).toEqual([]);
  });

  it('refuses both command and argv', () => {
    expect(execCheck.options.safeParse({ command: 'true', argv: ['true'] }).success).toBe(false);
  });

  it('refuses an option it does not know instead of ignoring a typo', () => {
    const result = execCheck.options.safeParse({ command: 'true', cwdd: '/srv' });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['cwdd'] }));
  });
});
