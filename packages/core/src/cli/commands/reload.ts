import { Command } from '@oclif/core';
import { controlFlags, describeAnswerer, type ControlAnswer } from '../control-command.js';
import { runControlVerb } from '../run-control-verb.js';

export default class Reload extends Command {
  static override summary = 'Apply a changed config to the running exaplug without a restart';
  static override description =
    'The new config is validated first: a bad one is refused (exit 1, with its problems) and the running one stays. A good one is applied as a diff: unchanged services keep their state and routes, removed ones are withdrawn, new ones start, changed ones restart their checks without withdrawing first. An idle exaplug (its config did not load) answers once the config runs, or with its problems. Same as SIGHUP. Without --config or --socket, every exaplug of the host reloads its own config.';
  static override flags = controlFlags;

  async run(): Promise<void> {
    const { flags } = await this.parse(Reload);
    const code = await runControlVerb(this, flags, { command: 'reload' }, describeReload);
    if (code !== 0) this.exit(code);
  }
}

function describeReload(answer: ControlAnswer): string {
  const result = answer.result as Record<string, unknown>;
  const lines = [`${describeAnswerer(answer)}:`];
  if ('started' in result) lines.push('was idle: the config loaded and runs now');
  for (const [what, names] of Object.entries(result)) if (Array.isArray(names) && names.length > 0) lines.push(`${what}: ${names.join(', ')}`);
  if (lines.length === 1) lines.push('nothing changed');
  return lines.join('\n');
}
