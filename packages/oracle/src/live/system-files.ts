import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, renderConfig, type RunPaths } from '../generate/render-config.js';
import type { NextHopAddresses, OracleConfig, TrueHealth } from '../model/spec.js';

/**
 * One sequence's files in a temp dir: the config exaplug reads and the files its checks
 * look at, so that the oracle's steps become file writes.
 */
export class SystemFiles {
  readonly paths: RunPaths;
  readonly configPath: string;

  private constructor(paths: RunPaths) {
    this.paths = paths;
    this.configPath = join(paths.dir, 'exaplug.yaml');
  }

  /** A fresh temp dir with the folders for the checks and the state. */
  static async create(): Promise<SystemFiles> {
    const dir = await mkdtemp(join(tmpdir(), 'exaplug-oracle-'));
    const paths = { dir, checks: join(dir, 'checks'), stateDir: join(dir, 'state'), socket: join(dir, 'control.sock') };
    await mkdir(paths.checks);
    await mkdir(paths.stateDir);
    return new SystemFiles(paths);
  }

  async writeConfig(config: OracleConfig, addresses: NextHopAddresses): Promise<void> {
    await writeFile(this.configPath, renderConfig(config, this.paths, addresses));
  }

  /** A config exaplug must refuse: an unknown key, the rest intact (so allowedPrefixes and the socket are still read). */
  async writeInvalidConfig(config: OracleConfig, addresses: NextHopAddresses): Promise<void> {
    await writeFile(this.configPath, `${renderConfig(config, this.paths, addresses)}notAKnownKey: true\n`);
  }

  async setHealth(checkId: string, health: TrueHealth): Promise<void> {
    const files = checkFiles(this.paths, checkId);
    await (health === 'up' ? writeFile(files.up, '') : rm(files.up, { force: true }));
    await (health === 'hang' ? writeFile(files.hang, '') : rm(files.hang, { force: true }));
  }

  async remove(): Promise<void> {
    await rm(this.paths.dir, { recursive: true, force: true });
  }
}
