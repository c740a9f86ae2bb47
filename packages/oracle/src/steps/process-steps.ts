import type fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '@exaplug/test-support/wait-for';
import { respawnsPerExabgp, type OracleModel, type StepContext } from './oracle-model.js';

type Step = fc.AsyncCommand<OracleModel, StepContext>;

/** SIGKILL exaplug: ExaBGP keeps its routes and respawns it; the new one starts from init. */
export class KillExaplugStep implements Step {
  check(model: Readonly<OracleModel>): boolean {
    return model.respawnsLeft > 0;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    model.respawnsLeft--;
    await context.live.killExaplug();
    await context.live.waitRunning();
    await context.verify(model, 'SIGKILL exaplug (respawned by ExaBGP)', 'restart');
  }
  toString(): string {
    return 'killExaplug';
  }
}

/** exaplug is respawned into a config it must refuse: idle, routes kept; then the file is fixed and SIGHUP sent. */
export class InvalidRespawnStep implements Step {
  check(model: Readonly<OracleModel>): boolean {
    return model.respawnsLeft > 0;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    model.respawnsLeft--;
    const { live } = context;
    await live.writeInvalidConfig(model.config);
    const idle = await live.killExaplug();
    // Idle: nothing changes. The tables must still be the model's a while later.
    await sleep(1000);
    await context.verify(model, 'respawned into an invalid config (idle: routes kept)', 'checks');
    await live.writeConfig(model.config);
    process.kill(idle, 'SIGHUP');
    await live.waitRunning();
    await context.verify(model, 'config fixed, SIGHUP to the idle exaplug', 'restart');
  }
  toString(): string {
    return 'invalidRespawn';
  }
}

/** ExaBGP stops (its sessions drop, the route servers forget the routes) and starts again with a fresh exaplug. */
export class RestartExabgpStep implements Step {
  check(): boolean {
    return true;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    await context.live.restartExabgp();
    await context.live.waitRunning();
    model.respawnsLeft = respawnsPerExabgp;
    await context.verify(model, 'restart ExaBGP', 'restart');
  }
  toString(): string {
    return 'restartExabgp';
  }
}

/** One route server restarts: its sessions drop and come back, and exaplug must announce everything to it again. */
export class RestartRouteServerStep implements Step {
  constructor(readonly server: number) {}
  check(): boolean {
    return true;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const server = context.lab.servers[this.server % context.lab.servers.length];
    if (!server) throw new Error('the lab has no route servers');
    await server.restart();
    await waitFor(() => server.established(), { timeoutMs: 30_000, what: `${server.name}'s sessions to ExaBGP after its restart` });
    await context.verify(model, `restart route server ${server.name}`, 'checks');
  }
  toString(): string {
    return `restartRouteServer(#${this.server})`;
  }
}
