import { readFileSync } from 'node:fs';
import { readLoopbackIps } from './adapters/loopback-ips.js';
import { parseHealthcheckCommandLine } from './translate/parse-healthcheck-args.js';
import { translateHealthcheckOptions, type HealthcheckTranslation } from './translate/translate-healthcheck-args.js';

/**
 * A healthcheck command line as exaplug config, reading what the pure translator cannot:
 * the `--config` file, and the IPs on lo when no `--ip` is given.
 * @throws ExaplugError EXAPLUG_HEALTHCHECK_ARGS
 */
export async function readHealthcheckTranslation(argv: readonly string[]): Promise<HealthcheckTranslation> {
  const options = parseHealthcheckCommandLine(argv, (path) => readFileSync(path, 'utf8'));
  const loopbackIps = options.ips === undefined ? await readLoopbackIps(options.label) : [];
  return translateHealthcheckOptions(options, { loopbackIps });
}
