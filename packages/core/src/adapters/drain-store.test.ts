import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger.js';
import { createDrainStore } from './drain-store.js';

describe('the drain store of a per-process state dir', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'exaplug-drains-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps honouring a drain a previous exaplug left in the shared state dir, until it is undrained', async () => {
    const legacy = root;
    const stateDir = join(root, 'web-75b88350');
    await writeFile(join(legacy, 'drain-web'), 'drained at 2026-01-02T03:04:05.000Z\n');
    const logger = createRecordingLogger();
    const store = createDrainStore(stateDir, { legacyDir: legacy, logger });
    expect(await store.exists(store.fileOf('web'))).toBe(true);
    expect(await store.exists(store.fileOf('api'))).toBe(false);
    expect(await store.since('web')).toBe('2026-01-02T03:04:05.000Z');
    expect(logger.records.some((record) => record.level === 'warn' && record.fields.file === join(legacy, 'drain-web'))).toBe(true);
    await store.persist('web', false);
    expect(await store.exists(store.fileOf('web'))).toBe(false);
    expect(await readdir(legacy)).toEqual([]);
  });

  it('writes new drains to its own state dir only', async () => {
    const stateDir = join(root, 'web-75b88350');
    await mkdir(stateDir);
    const store = createDrainStore(stateDir, { legacyDir: root, logger: createRecordingLogger() });
    await store.persist('web', true);
    expect(await readdir(stateDir)).toEqual(['drain-web']);
    expect(await store.exists(join(stateDir, 'drain-web'))).toBe(true);
  });

  it('looks nowhere else when the state dir was set in the config', async () => {
    await writeFile(join(root, 'drain-web'), 'drained at 2026-01-02T03:04:05.000Z\n');
    const store = createDrainStore(join(root, 'explicit'), { logger: createRecordingLogger() });
    expect(await store.exists(store.fileOf('web'))).toBe(false);
    expect(await store.since('web')).toBeUndefined();
  });
});
