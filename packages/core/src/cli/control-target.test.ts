import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultControlPaths } from '../config/control-paths.js';
import { resolveControlTarget } from './control-target.js';

describe('which exaplug a control verb asks', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exaplug-target-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('without --config or --socket: every exaplug of the host, in /run/exaplug', async () => {
    expect(await resolveControlTarget({})).toEqual({ kind: 'directory', directory: '/run/exaplug' });
  });

  it('--socket names one socket, or a directory of them', async () => {
    expect(await resolveControlTarget({ socket: join(dir, 'web.sock') })).toEqual({ kind: 'socket', socket: join(dir, 'web.sock') });
    expect(await resolveControlTarget({ socket: dir })).toEqual({ kind: 'directory', directory: dir });
  });

  it('--config: the socket of that file, derived from its path, and the file to check it against', async () => {
    const config = join(dir, 'web.yaml');
    await writeFile(config, 'services:\n  web: { ips: [192.0.2.1/32], check: { use: exec, with: { command: "true" } }, rise: 0 }\n');
    expect(await resolveControlTarget({ config })).toEqual({ kind: 'socket', socket: defaultControlPaths({ filepath: config }).socket, config });
  });

  it('--config that cannot be read: fails with the reason, never falls back to another socket', async () => {
    await expect(resolveControlTarget({ config: join(dir, 'live-typo.yaml') })).rejects.toThrow(/live-typo\.yaml: file not found/);
  });
});
