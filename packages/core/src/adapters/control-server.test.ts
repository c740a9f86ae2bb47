import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { sendControlRequest } from './control-client.js';
import { startControlServer } from './control-server.js';

describe('the control socket', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-control-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers requests line by line, with the code of a refusal, and only root may open it', async () => {
    const path = join(dir, 'a', 'control.sock');
    const server = await startControlServer(
      path,
      async (request) => {
        if (request.command === 'recheck') throw Object.assign(new Error('no service named "x"'), { code: 'X' });
        return { echoed: request.command };
      },
      silentLogger,
    );
    try {
      expect(await sendControlRequest(path, { command: 'status' })).toEqual({ ok: true, result: { echoed: 'status' } });
      expect(await sendControlRequest(path, { command: 'recheck', services: ['x'] })).toEqual({
        ok: false,
        error: { code: 'EXAPLUG_CONTROL_REQUEST', message: 'no service named "x"' },
      });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
      // A second exaplug with the same socket must not steal it from the live one.
      await expect(startControlServer(path, async () => null, silentLogger)).rejects.toThrow(/another exaplug listens there/);
    } finally {
      server.close();
    }
  });

  it('says plainly when nobody listens', async () => {
    await expect(sendControlRequest(join(dir, 'none.sock'), { command: 'status' })).rejects.toThrow(/no exaplug is listening there/);
  });
});
