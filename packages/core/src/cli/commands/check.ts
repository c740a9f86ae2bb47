import { Command, Flags } from '@oclif/core';
import { systemClock } from '../../adapters/system-clock.js';
import { formatDuration } from '../../duration.js';
import { closeServices } from '../../loading/prepare-services.js';
import { redactSecrets, redactText } from '../../redact/redact-secrets.js';
import { runCheckWithTimeout } from '../../scheduler/run-check-with-timeout.js';
import { formatTable } from '../format-table.js';
import { describeLoadError, loadForCli } from '../load-for-cli.js';
import { configFlag } from '../log-level-flag.js';

export default class Check extends Command {
  static override summary = "Run each service's check once and show the results";
  static override description = 'Announces nothing. Exit code 1 when any check failed.';
  static override flags = {
    config: configFlag,
    json: Flags.boolean({ description: 'one JSON object per service instead of a table', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Check);
    let loaded;
    try {
      loaded = await loadForCli(flags.config);
    } catch (error) {
      this.logToStderr(describeLoadError(error));
      this.exit(1);
    }
    const { services } = loaded;
    const results = await Promise.all(
      services.map((service) =>
        runCheckWithTimeout(service.check, { name: service.checkName, timeoutMs: service.config.timeout, clock: systemClock }),
      ),
    );
    await closeServices(services);
    if (flags.json) {
      // Details are the plugin's: a URL with a password or ?token= must not reach a terminal.
      services.forEach((service, index) =>
        this.log(JSON.stringify(redactSecrets({ service: service.config.name, check: service.checkName, ...results[index] }))),
      );
    } else {
      const rows = services.flatMap((service, index) => {
        const result = results[index];
        const row = [service.config.name, service.checkName, result?.status ?? '?', formatDuration(result?.durationMs ?? 0), redactText(result?.reason ?? '')];
        // A composite check shows each part under it.
        const parts = (result?.details?.parts ?? []) as Array<{ name: string; status: string; reason?: string; durationMs?: number }>;
        return [row, ...parts.map((part) => ['', `  ${part.name}`, part.status, formatDuration(part.durationMs ?? 0), redactText(part.reason ?? '')])];
      });
      this.log(formatTable(['service', 'check', 'status', 'time', 'reason'], rows));
    }
    if (results.some((result) => result.status === 'failed')) this.exit(1);
  }
}
