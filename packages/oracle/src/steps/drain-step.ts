import type fc from 'fast-check';
import { serviceAt, type OracleModel, type StepContext } from './oracle-model.js';

/** `exaplug drain` / `undrain` of one service (by index) or of all. */
export class DrainStep implements fc.AsyncCommand<OracleModel, StepContext> {
  constructor(
    readonly target: number | 'all',
    readonly drained: boolean,
  ) {}
  check(model: Readonly<OracleModel>): boolean {
    return this.names(model).some((name) => model.world.drained.includes(name) !== this.drained);
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const names = this.names(model);
    const others = model.world.drained.filter((name) => !names.includes(name));
    model.world.drained = this.drained ? [...others, ...names] : others;
    await context.live.setDrained(this.target === 'all' ? 'all' : names, this.drained);
    await context.verify(model, `${this.drained ? 'drain' : 'undrain'} ${this.target === 'all' ? `all (${names.join(', ')})` : names[0]}`, 'checks');
  }
  toString(): string {
    return `${this.drained ? 'drain' : 'undrain'}(${this.target === 'all' ? 'all' : `#${this.target}`})`;
  }
  private names(model: Readonly<OracleModel>): string[] {
    return this.target === 'all' ? model.config.services.map((service) => service.name) : [serviceAt(model, this.target).name];
  }
}
