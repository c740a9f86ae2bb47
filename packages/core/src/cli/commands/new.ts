import { relative } from 'node:path';
import { Args, Command, Flags } from '@oclif/core';
import { isExaplugError } from '../../errors.js';
import type { PluginKind } from '../../scaffold/derive-plugin-names.js';
import { coreVersion } from '../../plugins/core-version.js';
import { resolveCoreLink } from '../../scaffold/resolve-core-link.js';
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
    'link-core': Flags.boolean({
      description: 'link this @exaplug/core for the tests (by package-lock.json; package.json keeps ^<version>), not the registry’s (default: when this core runs from a checkout)',
      allowNo: true,
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(New);
    const cwd = process.cwd();
    try {
      const { 'link-core': linkCore, ...names } = flags;
      const linked = resolveCoreLink(linkCore);
      const coreLink = linked === undefined ? {} : { coreLink: { directory: linked, version: coreVersion } };
      const plugin = await scaffoldPlugin({ kind: args.kind as PluginKind, name: args.name, cwd, ...names, ...coreLink });
      // An interactive command: stdout is the person at the terminal, not ExaBGP.
      this.log(`Created ${plugin.packageName} in ${plugin.dir}`);
      if (linked) {
        this.log(`Its tests use @exaplug/core from ${linked}, linked by package-lock.json (npm does not pack it; package.json asks for ^${coreVersion})`);
      }
      this.log(`Next: cd ${relative(cwd, plugin.dir) || '.'} && npm install && npm test`);
    } catch (error) {
      if (isExaplugError(error)) this.error(error.message, { code: error.code, exit: 1 });
      throw error;
    }
  }
}
