import type fc from 'fast-check';
import { applyEdit, type ConfigEdit } from '../model/apply-edit.js';
import type { OracleConfig } from '../model/spec.js';
import type { OracleModel, StepContext } from './oracle-model.js';

/** The config file is rewritten with one edit and reloaded live (control socket or SIGHUP). */
export class ReloadStep implements fc.AsyncCommand<OracleModel, StepContext> {
  constructor(
    readonly edit: ConfigEdit,
    readonly via: 'socket' | 'sighup',
  ) {}
  check(model: Readonly<OracleModel>): boolean {
    return applyEdit(model.config, this.edit) !== undefined;
  }
  async run(model: OracleModel, context: StepContext): Promise<void> {
    const next = applyEdit(model.config, this.edit) as OracleConfig;
    for (const service of next.services) {
      // A new check starts healthy; a checkId seen before keeps its files and health.
      if (model.world.health[service.checkId] !== undefined) continue;
      model.world.health[service.checkId] = 'up';
      await context.live.setHealth(service.checkId, 'up');
    }
    const summary = describeEdit(model.config, next, this.edit);
    model.config = next;
    await context.live.writeConfig(next);
    await context.live.reload(this.via);
    await context.verify(model, `reload (${this.via}): ${summary}`, 'checks');
  }
  toString(): string {
    return `reload(${JSON.stringify(this.edit)}, ${this.via})`;
  }
}

/** The edit with the names it resolved to, for the step log. */
function describeEdit(before: OracleConfig, after: OracleConfig, edit: ConfigEdit): string {
  const names = (config: OracleConfig) => config.services.map((service) => `${service.name}[${service.ips.join(' ')}]`).join(', ');
  return `${edit.kind}: ${names(before)} → ${names(after)}`;
}
