import { createHash } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import { readIpPrefix } from '@exaplug/protocol';
import { parseListenAddress } from './listen-address.js';

/** Where every exaplug of a host has its control socket unless its config says otherwise. */
export const hostRunDir = '/run/exaplug';
/** Where every exaplug of a host has its state dir unless its config says otherwise. */
export const hostStateRoot = '/var/lib/exaplug';
/** The one socket and state dir of exaplug before 0.2: shared by every exaplug of a host. */
export const legacyHostPaths = { socket: `${hostRunDir}/exaplug.sock`, stateDir: hostStateRoot } as const;

/** What tells one exaplug of a host from the others: its config file, or for a config given in memory, its services. */
export interface ProcessIdentitySource {
  /** The config file; made absolute (not through symlinks) before it is used. */
  filepath?: string | undefined;
  /** For a config given in memory (`exaplug healthcheck`): its services and their IPs, as written or resolved. */
  services?: ReadonlyArray<{ name: string; ips: readonly string[] }>;
}

/** Where one exaplug listens and keeps its state. */
export interface ControlPaths {
  socket: string;
  stateDir: string;
}

/**
 * The default socket and state dir of one exaplug: `/run/exaplug/NAME-HASH.sock` and
 * `/var/lib/exaplug/NAME-HASH`, NAME the config file's name without extension and HASH
 * the first 8 hex digits of the SHA-256 of its absolute path. One ExaBGP `process` per
 * service (what `migrate` and the healthcheck drop-in lead to) gives one pair each, and a
 * file that stops validating keeps the pair of the process that loaded it.
 */
export function defaultControlPaths(source: ProcessIdentitySource): ControlPaths {
  const id = processIdOf(source);
  return { socket: `${hostRunDir}/${id}.sock`, stateDir: `${hostStateRoot}/${id}` };
}

/** `web-75b88350` for /etc/exaplug/web.yaml; kept short: a unix socket path has 107 bytes at most. */
export function processIdOf(source: ProcessIdentitySource): string {
  if (source.filepath !== undefined) {
    const absolute = resolve(source.filepath);
    return `${slug(basename(absolute, extname(absolute)))}-${shortHash(absolute)}`;
  }
  // Names and IPs: two `exaplug healthcheck` without --name both have a service `healthcheck`.
  const services = [...(source.services ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const key = services.map((service) => `${service.name}=${service.ips.map(canonicalIp).join(',')}`).join(';');
  return `${slug(services.map((service) => service.name).join('+')) || 'inline'}-${shortHash(`services:${key}`)}`;
}

/** `192.0.2.1` → `192.0.2.1/32`, as the schema resolves it, so a raw config and its parsed one agree. */
function canonicalIp(ip: string): string {
  const parsed = readIpPrefix(ip);
  return typeof parsed === 'string' ? ip : parsed.text;
}

/**
 * The control socket, state dir and metrics address of a raw config, read section by
 * section: a config refused for other reasons still names the socket of the exaplug that
 * loaded its valid version. Mirrors resolveConfig for a valid config.
 */
export function controlPathsOf(raw: unknown, filepath: string | undefined, configDir: string): ControlPaths & { metricsListen: string | undefined } {
  const sections = isRecord(raw) ? raw : {};
  const derived = defaultControlPaths({ filepath, services: isRecord(sections.services) ? rawServices(sections.services) : [] });
  const socket = isRecord(sections.control) ? nonEmptyString(sections.control.socket) : undefined;
  const stateDir = nonEmptyString(sections.stateDir);
  return {
    socket: socket === undefined ? derived.socket : resolve(configDir, socket),
    stateDir: stateDir === undefined ? derived.stateDir : resolve(configDir, stateDir),
    metricsListen: metricsListenOf(sections.metrics),
  };
}

function rawServices(services: Record<string, unknown>): Array<{ name: string; ips: string[] }> {
  return Object.entries(services).map(([name, service]) => {
    const ips = isRecord(service) && Array.isArray(service.ips) ? service.ips.filter((ip): ip is string => typeof ip === 'string') : [];
    return { name, ips };
  });
}

function metricsListenOf(section: unknown): string | undefined {
  if (!isRecord(section)) return undefined;
  if (section.listen === undefined) return '127.0.0.1:9324';
  return typeof section.listen === 'string' && parseListenAddress(section.listen) !== undefined ? section.listen : undefined;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 32);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
