import { relative } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { isExaplugError } from '../../errors.js';
import type { PluginKind } from '../../scaffold/derive-plugin-names.js';
import { scaffoldPlugin } from '../../scaffold/scaffold-plugin.js';

/** `exaplug new check redis`: a new plugin package from the template, ready for `npm test`. */
export default class New extends Command {
  static override summary = 'Create a check or metric strategy plugin package from the template.';

  static override examples = [
    '<%= config.bin %> new check redis',
    '<%= config.bin %> new strategy weighted --scope @acme --dir plugins/weighted',
  ];

  static override args = {
    kind: Args.string({ description: 'what the plugin provides', options: ['check', 'strategy'], required: true }),
    name: Args.string({ description: 'lowercase, hyphenated: redis, smtp-banner', required: true }),
  };

  static override flags = {
    scope: Flags.string({ description: 'npm scope: @acme/check-<name> instead of exaplug-check-<name>' }),
    dir: Flags.string({ description: 'folder to create (default: the package name, here)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(New);
    const cwd = process.cwd();
    try {
      const plugin = await scaffoldPlugin({ kind: args.kind as PluginKind, name: args.name, cwd, ...flags });
      // An interactive command: stdout is the person at the terminal, not ExaBGP.
      this.log(`Created ${plugin.packageName} in ${plugin.dir}`);
      this.log(`Next: cd ${relative(cwd, plugin.dir) || '.'} && npm install && npm test`);
    } catch (error) {
      if (isExaplugError(error)) this.error(error.message, { code: error.code, exit: 1 });
      throw error;
    }
  }
}
