import { formatYaml } from './format-yaml.js';
import { httpCheckFromCurl } from './http-check-from-curl.js';
import type { HealthcheckTranslation } from './translate-healthcheck-args.js';

const durationKeys = new Set(['interval', 'fastInterval', 'downInterval', 'timeout', 'jitter', 'minDwell']);

/** `5000` → `5s`, `100` → `100ms`: how people write durations in exaplug.yaml. */
export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * The `exaplug.yaml` that runs what a healthcheck command line ran: the check becomes an
 * `http` check when the command is a plain `curl -f` of a URL, and every flag exaplug does
 * not honour is listed as a comment at the top.
 */
export function formatMigration(translation: HealthcheckTranslation, commandLine: string): string {
  const { config, serviceName, warnings } = translation;
  const service = { ...(config.services[serviceName] as Record<string, unknown>) };
  const check = service.check as { with: { command: string } };
  const http = httpCheckFromCurl(check.with.command);
  if (http) service.check = http.check;
  // curl's --max-time bounded the attempt: the service's timeout is now the one deadline.
  if (http?.maxTimeMs !== undefined && typeof service.timeout === 'number') service.timeout = Math.min(service.timeout, http.maxTimeMs);
  for (const key of Object.keys(service)) {
    if (durationKeys.has(key) && typeof service[key] === 'number') service[key] = formatDuration(service[key]);
  }
  const header = [
    '# exaplug.yaml made by `exaplug migrate` from:',
    `#   exabgp healthcheck ${commandLine}`,
    `# Run it with: exaplug run --config /etc/exaplug/exaplug.yaml (check it first: exaplug plan --config …)`,
    ...(http ? [`# The check was: ${check.with.command} (now the http check; remove it to keep the command)`] : []),
    ...warnings.map((warning) => `# --${warning.flag}: ${warning.message}`),
  ];
  return `${header.join('\n')}\n${formatYaml({ ...config, services: { [serviceName]: service } })}\n`;
}
