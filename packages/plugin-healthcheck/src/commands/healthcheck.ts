import { Command } from '@oclif/core';
import { applyHostOptions } from '../adapters/apply-host-options.js';
import { readHealthcheckTranslation } from '../read-healthcheck-translation.js';

/** Flags this command honours itself; the translator warns about them for `migrate`. */
const honouredHere = new Set(['pid', 'user', 'group']);

/**
 * `exabgp healthcheck …` → `exaplug healthcheck …`: the same flags (and `--config FILE`),
 * run exactly as `exaplug run` runs the equivalent config.
 */
export default class Healthcheck extends Command {
  static override summary = "Drop-in for ExaBGP's healthcheck: same flags, run as exaplug";
  static override description =
    'Accepts every flag of `exabgp healthcheck` (4.2) and its --config file, turns them into an exaplug config (an exec check through sh -c, the fixed strategy with the same MEDs and attributes) and runs it as `exaplug run` would. Flags exaplug does not honour are accepted and warned about on stderr; see docs/migrating-from-healthcheck.md. In exabgp.conf: run /usr/bin/env exaplug healthcheck --cmd "curl -sf http://[::1]/" --ip 2001:db8:30::1;';
  static override strict = false;
  static override examples = ['<%= config.bin %> healthcheck --cmd "curl -sf http://[::1]/" --ip 2001:db8:30::1 --ip 2001:db8:30::2'];

  async run(): Promise<void> {
    // argparse's rules, not oclif's: the healthcheck's flags are parsed by the translator.
    // Nothing here may use this.log: stdout belongs to ExaBGP. Core's runtime is imported
    // here, not at the top: oclif imports every command's module to list them.
    const { runExabgpProcess } = await import('@exaplug/core');
    let translation;
    try {
      translation = await readHealthcheckTranslation(this.argv);
    } catch (error) {
      process.exit(await runExabgpProcess({ startupError: `exaplug healthcheck: ${(error as Error).message}` }));
    }
    for (const warning of translation.warnings) {
      if (!honouredHere.has(warning.flag)) this.logToStderr(`exaplug healthcheck: warning: --${warning.flag}: ${warning.message}`);
    }
    applyHostOptions(translation.host);
    process.exit(await runExabgpProcess({ config: translation.config }));
  }
}
