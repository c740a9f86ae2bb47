import { closeServices } from '../loading/prepare-services.js';
import { describeLoadError, loadForCli } from './load-for-cli.js';

/** What `exaplug validate` says and how it exits, apart from how the words are printed. */
export async function validateConfig(configPath: string | undefined): Promise<{ ok: boolean; lines: string[] }> {
  try {
    const { config, services } = await loadForCli(configPath);
    await closeServices(services);
    return {
      ok: true,
      lines: [
        `${config.filepath}: valid, ${services.length} service${services.length === 1 ? '' : 's'}`,
        ...services.map((service) => `  ${service.config.name}: ${service.config.ips.join(', ')} — check ${service.checkName}, strategy ${service.config.strategy.use}`),
      ],
    };
  } catch (error) {
    return { ok: false, lines: [describeLoadError(error)] };
  }
}
