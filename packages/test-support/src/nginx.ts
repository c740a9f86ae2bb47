import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickFreePort } from './tcp-servers.js';

const nginxBinary = '/usr/sbin/nginx';

/** What to serve. `locations` is nginx config inside the `server { }` block. */
export interface NginxOptions {
  locations: string;
  /** Adds an https listener with this certificate. */
  tls?: {
    certFile: string;
    keyFile: string;
    /** Asks clients for a certificate signed by this CA; `$ssl_client_verify` tells the result. */
    clientCaFile?: string;
  };
  /** Connections the worker may hold (default 64); benchmarks with thousands of clients raise it. */
  workerConnections?: number;
}

/** A running nginx listening on 127.0.0.1 and [::1], on the same port in both families. */
export interface NginxHandle {
  httpPort: number;
  httpsPort?: number;
  /** Temp dir holding the config, pid file and logs; removed on stop. */
  dir: string;
  /** `http://127.0.0.1:PORT/path`, or the https / [::1] variant. */
  url(path: string, options?: { https?: boolean; ipv6?: boolean }): string;
  stop(): Promise<void>;
}

function renderConfig(dir: string, options: NginxOptions, httpPort: number, httpsPort?: number): string {
  const listen = (port: number, extra = '') =>
    `listen 127.0.0.1:${port}${extra};\n    listen [::1]:${port}${extra};`;
  const tls = options.tls;
  const tlsLines =
    tls && httpsPort !== undefined
      ? `${listen(httpsPort, ' ssl')}
    ssl_certificate ${tls.certFile};
    ssl_certificate_key ${tls.keyFile};
    ${tls.clientCaFile ? `ssl_client_certificate ${tls.clientCaFile};\n    ssl_verify_client optional;` : ''}`
      : '';
  // master_process off: one process, so stopping it can never leave workers behind.
  return `daemon off;
master_process off;
worker_processes 1;
worker_rlimit_nofile ${(options.workerConnections ?? 64) * 2 + 64};
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections ${options.workerConnections ?? 64}; }
http {
  access_log off;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  default_type text/plain;
  server {
    ${listen(httpPort)}
    ${tlsLines}
    root ${join(dir, 'html')};
    ${options.locations}
  }
}
`;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port} within 15s: ${stderr()}`);
}

async function startOnce(dir: string, options: NginxOptions): Promise<NginxHandle> {
  const hosts = ['127.0.0.1', '::1'];
  const httpPort = await pickFreePort(hosts);
  const httpsPort = options.tls ? await pickFreePort(hosts) : undefined;
  const confFile = join(dir, 'nginx.conf');
  await writeFile(confFile, renderConfig(dir, options, httpPort, httpsPort));
  const child = spawn(nginxBinary, ['-p', `${dir}/`, '-c', confFile, '-e', 'stderr'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitUntilListening(child, httpPort, () => stderr);
    if (httpsPort !== undefined) await waitUntilListening(child, httpsPort, () => stderr);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    httpPort,
    httpsPort,
    dir,
    url(path, { https = false, ipv6 = false } = {}) {
      const host = ipv6 ? '[::1]' : '127.0.0.1';
      return https ? `https://${host}:${httpsPort}${path}` : `http://${host}:${httpPort}${path}`;
    },
    stop: () => stopProcess(child),
  };
}

/**
 * Starts a real nginx (Debian's /usr/sbin/nginx) in a temp dir on free loopback ports.
 * Files for `root` go in `<dir>/html`; pass `dir` to reuse a directory prepared by the test.
 */
export async function startNginx(options: NginxOptions, dir?: string): Promise<NginxHandle> {
  const ownDir = dir === undefined;
  const workDir = dir ?? (await mkdtemp(join(tmpdir(), 'exaplug-nginx-')));
  await mkdir(join(workDir, 'html'), { recursive: true });
  let lastError: unknown;
  // Ports are picked then bound by nginx; another process may win the race, so retry.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await startOnce(workDir, options);
      return {
        ...handle,
        async stop() {
          await handle.stop();
          if (ownDir) await rm(workDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      if (!String(error).includes('Address already in use')) break;
    }
  }
  if (ownDir) await rm(workDir, { recursive: true, force: true });
  throw lastError;
}
