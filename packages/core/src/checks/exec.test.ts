import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { execCheck } from './exec.js';

const context = { serviceName: 's', configDir: '/tmp', logger: silentLogger };

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

  it('kills the whole process group when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const result = await runOnce({ command: 'sleep 30 | cat' }, controller.signal);
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('SIGKILL');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses both command and argv', () => {
    expect(execCheck.options.safeParse({ command: 'true', argv: ['true'] }).success).toBe(false);
  });

  it('refuses an option it does not know instead of ignoring a typo', () => {
    const result = execCheck.options.safeParse({ command: 'true', cwdd: '/srv' });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', keys: ['cwdd'] }));
  });
});
