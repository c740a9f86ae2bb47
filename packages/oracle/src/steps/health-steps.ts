import type fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { serviceAt, type OracleModel, type StepContext } from './oracle-model.js';

type Step = fc.AsyncCommand<OracleModel, StepContext>;

/** A check starts failing, or recovers. */
export class SetHealthStep implements Step {
  constructor(
    readonly index: number,
    readonly health: 'up' | 'down',
  ) {}
  check(model: Readonly<OracleModel>): boolean {
    return model.world.health[serviceAt(model, this.index).checkId] !== this.health;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const service = serviceAt(model, this.index);
    model.world.health[service.checkId] = this.health;
    await context.live.setHealth(service.checkId, this.health);
    await context.verify(model, `${this.health === 'up' ? 'recover' : 'fail'} ${service.name}`, 'checks');
  }
  toString(): string {
    return `${this.health === 'up' ? 'recover' : 'fail'}(#${this.index})`;
  }
}

/** A check flaps: its health flips every `periodMs`, `flips` times, then stays at `final`. */
export class FlapStep implements Step {
  constructor(
    readonly index: number,
    readonly flips: number,
    readonly periodMs: number,
    readonly final: 'up' | 'down',
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const service = serviceAt(model, this.index);
    let health: 'up' | 'down' = model.world.health[service.checkId] === 'up' ? 'down' : 'up';
    for (let flip = 0; flip < this.flips; flip++) {
      await context.live.setHealth(service.checkId, health);
      await sleep(this.periodMs);
      health = health === 'up' ? 'down' : 'up';
    }
    model.world.health[service.checkId] = this.final;
    await context.live.setHealth(service.checkId, this.final);
    await context.verify(model, `flap ${service.name} ×${this.flips} every ${this.periodMs} ms, then ${this.final}`, 'checks');
  }
  toString(): string {
    return `flap(#${this.index}, ${this.flips}×${this.periodMs}ms → ${this.final})`;
  }
}

/** An exec check hangs (sleep 30): each attempt runs into the service's timeout, a failed check. */
export class HangStep implements Step {
  constructor(readonly index: number) {}
  check(model: Readonly<OracleModel>): boolean {
    const service = serviceAt(model, this.index);
    return service.checkKind === 'exec' && model.world.health[service.checkId] !== 'hang';
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const service = serviceAt(model, this.index);
    model.world.health[service.checkId] = 'hang';
    await context.live.setHealth(service.checkId, 'hang');
    await context.verify(model, `hang ${service.name}'s check`, 'checks');
  }
  toString(): string {
    return `hang(#${this.index})`;
  }
}
