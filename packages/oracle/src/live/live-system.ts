import { startExabgp, type ExabgpHandle } from '@exaplug/test-support/exabgp';
import { waitFor } from '@exaplug/test-support/wait-for';
import type { NextHopAddresses, OracleConfig, TrueHealth } from '../model/spec.js';
import { askControlSocket } from './control-socket.js';
import type { OracleLab } from './lab.js';
import { SystemFiles } from './system-files.js';

/**
 * One sequence's exaplug under its own ExaBGP, in the lab's node namespace, with its files
 * in a temp dir: the edge where the oracle's steps become files, signals and control requests.
 */
export class LiveSystem {
  /** The config and the check files (`SystemFiles`). */
  readonly files: SystemFiles;
  private exabgp: ExabgpHandle | undefined;
  private readonly lab: OracleLab;
  private readonly exaplugBin: string;

  private constructor(lab: OracleLab, exaplugBin: string, files: SystemFiles) {
    this.lab = lab;
    this.exaplugBin = exaplugBin;
    this.files = files;
  }

  /** A temp dir with the config and health files; ExaBGP is started by `startExabgp`. */
  static async prepare(lab: OracleLab, exaplugBin: string): Promise<LiveSystem> {
    return new LiveSystem(lab, exaplugBin, await SystemFiles.create());
  }

  get addresses(): NextHopAddresses {
    return { self: this.lab.node, alt: this.lab.altNextHop };
  }

  writeConfig(config: OracleConfig): Promise<void> {
    return this.files.writeConfig(config, this.addresses);
  }

  /** A config exaplug must refuse: an unknown key, the rest intact (so allowedPrefixes and the socket are still read). */
  writeInvalidConfig(config: OracleConfig): Promise<void> {
    return this.files.writeInvalidConfig(config, this.addresses);
  }

  setHealth(checkId: string, health: TrueHealth): Promise<void> {
    return this.files.setHealth(checkId, health);
  }

  /** ExaBGP with exaplug as its process, and the sessions to every route server up. */
  async startExabgp(): Promise<void> {
    const namespace = this.lab.nodeNamespace;
    this.exabgp = await startExabgp({
      ...(namespace !== undefined && { namespace }),
      neighbors: this.lab.exabgpNeighbors,
      run: [process.execPath, this.exaplugBin, 'run', '--config', this.files.configPath],
    });
    await this.lab.waitEstablished(30_000);
  }

  async stopExabgp(): Promise<void> {
    await this.exabgp?.stop('SIGTERM');
    this.exabgp = undefined;
  }

  async restartExabgp(): Promise<void> {
    await this.stopExabgp();
    await this.startExabgp();
  }

  /** The exaplug process ExaBGP runs, if any. */
  async exaplugPid(): Promise<number | undefined> {
    return (await this.exabgp?.children())?.[0];
  }

  /** Waits until the control socket answers (exaplug running, not idle). */
  async waitRunning(timeoutMs = 10_000): Promise<void> {
    // An idle or loading exaplug answers `status` too: running is what the step waits for.
    const running = () => askControlSocket(this.files.paths.socket, { command: 'status' }, 2000).then((result) => (result as { state?: string }).state === 'running');
    await waitFor(running, { timeoutMs, intervalMs: 100, what: 'exaplug to run (status says running)' });
  }

  /** SIGKILL, then waits for ExaBGP's respawn; resolves with the new pid. */
  async killExaplug(): Promise<number> {
    const old = await waitFor(() => this.exaplugPid(), { timeoutMs: 10_000, what: 'exaplug to run under ExaBGP' });
    process.kill(old, 'SIGKILL');
    return waitFor(async () => {
      const pid = await this.exaplugPid();
      return pid !== undefined && pid !== old ? pid : undefined;
    }, { timeoutMs: 15_000, what: 'ExaBGP to respawn exaplug' });
  }

  async reload(via: 'socket' | 'sighup'): Promise<void> {
    if (via === 'socket') {
      await askControlSocket(this.files.paths.socket, { command: 'reload' });
      return;
    }
    const pid = await this.exaplugPid();
    if (pid === undefined) throw new Error('no exaplug to send SIGHUP to');
    process.kill(pid, 'SIGHUP');
  }

  async setDrained(services: string[] | 'all', drained: boolean): Promise<void> {
    await askControlSocket(this.files.paths.socket, { command: drained ? 'drain' : 'undrain', services });
  }

  /** The last lines ExaBGP and exaplug (its stderr goes through ExaBGP) printed. */
  outputTail(chars = 4000): string {
    return this.exabgp?.output().slice(-chars) ?? '';
  }

  async dispose(): Promise<void> {
    await this.stopExabgp();
    await this.files.remove();
  }
}
