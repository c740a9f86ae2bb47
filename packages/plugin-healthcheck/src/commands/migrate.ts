import { Command } from '@oclif/core';
import { isExaplugError } from '@exaplug/core/plugin';
import { readHealthcheckTranslation } from '../read-healthcheck-translation.js';
import { formatMigration } from '../translate/format-migration.js';

/** Prints the exaplug.yaml equivalent to an `exabgp healthcheck` command line. */
export default class Migrate extends Command {
  static override summary = 'Print the exaplug.yaml equivalent to exabgp healthcheck flags';
  static override description =
    'Takes the flags of `exabgp healthcheck` (or --config FILE, its config file) and prints an exaplug.yaml that announces the same routes: the check as an exec check, or an http check when the command is a plain `curl -f URL`. Flags exaplug does not honour are listed as comments. See docs/migrating-from-healthcheck.md.';
  static override strict = false;
  static override examples = [
    '<%= config.bin %> migrate --cmd "curl -sf http://[::1]/" --ip 2001:db8:30::1 --ip 2001:db8:30::2 > /etc/exaplug/exaplug.yaml',
    '<%= config.bin %> migrate --config /etc/exabgp/healthcheck-nginx.conf',
  ];

  async run(): Promise<void> {
    try {
      const translation = await readHealthcheckTranslation(this.argv);
      this.log(formatMigration(translation, this.argv.map(quoteForShell).join(' ')).trimEnd());
    } catch (error) {
      if (isExaplugError(error)) this.error(error.message, { code: error.code, exit: 1 });
      throw error;
    }
  }
}

function quoteForShell(word: string): string {
  return /^[\w@%+=:,./[\]-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
