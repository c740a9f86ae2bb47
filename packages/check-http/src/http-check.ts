import { type CheckResult, defineCheck, failed, formatDuration, watchListener } from '@exaplug/core/plugin';
import { createGotClient, type StartRequest } from './create-got-client.js';
import { describeCutShort, describeRequestError, type RequestFacts } from './describe-request-error.js';
import { evaluateHttpResponse } from './evaluate-http-response.js';
import { createHttpAgents, type HttpAgents } from './http-agents.js';
import { httpOptionsSchema } from './http-options.js';
import { toHttpSettings } from './http-settings.js';
import { readHttpResponse } from './read-http-response.js';

/** While the watch's listener refuses, it tries again this often (and says when it accepts). */
const watchRetryMs = 1000;

/**
 * connectTimeout within the attempt's deadline: undefined when the deadline comes first
 * anyway (or is unknown), so that only the runtime's timer is left.
 */
function connectBudget(connectTimeoutMs: number, deadlineMs: number | undefined): number | undefined {
  return deadlineMs !== undefined && connectTimeoutMs >= deadlineMs ? undefined : connectTimeoutMs;
}

/** Requests a URL and judges the status, the body and the time it took. */
export const check = defineCheck({
  name: 'http',
  coreVersion: '^0.1.0',
  options: httpOptionsSchema,
  create(options, context) {
    const settings = toHttpSettings(options, context.configDir);
    const facts: RequestFacts = { connectTimeout: formatDuration(settings.connectTimeoutMs), isHttps: new URL(settings.url).protocol === 'https:' };
    // Made at the first attempt (`validate` creates every check and runs none), and again
    // only if the service's timeout, which bounds connectTimeout, changes.
    let agents: HttpAgents | undefined;
    let client: { startRequest: StartRequest; connectMs: number | undefined } | undefined;
    const target = settings.watch;
    return {
      async run({ signal, timeoutMs }): Promise<CheckResult> {
        const startedAt = performance.now();
        try {
          agents ??= createHttpAgents({
            keepAlive: settings.keepAlive,
            http: !facts.isHttps || settings.followRedirects,
            https: facts.isHttps || settings.followRedirects,
            servername: settings.tls.servername,
          });
          const connectMs = connectBudget(settings.connectTimeoutMs, timeoutMs);
          if (client === undefined || client.connectMs !== connectMs) client = { startRequest: createGotClient(settings, agents, connectMs), connectMs };
          const response = await readHttpResponse(client.startRequest, signal, settings.maxBodyBytes);
          return evaluateHttpResponse({ ...response, elapsedMs: performance.now() - startedAt }, settings);
        } catch (error) {
          if (signal.aborted) return failed(describeCutShort(signal, error, facts.isHttps));
          return failed(describeRequestError(error, facts), { url: settings.url });
        }
      },
      ...(target && {
        watch: (input) => watchListener({ ...input, ...target, retryMs: watchRetryMs, connectTimeoutMs: settings.connectTimeoutMs }),
      }),
      close: () => agents?.destroy(),
    };
  },
});

/** The same check under a name that says what it is, for imports beside other checks. */
export const httpCheck = check;
