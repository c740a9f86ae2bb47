import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Files of a self-signed certificate; `certFile` doubles as the CA a client must trust. */
export interface SelfSignedCert {
  certFile: string;
  keyFile: string;
}

/**
 * Makes a self-signed certificate with openssl in `dir`. `altNames` are subjectAltName
 * entries (`DNS:localhost`, `IP:127.0.0.1`): clients check those, not the common name.
 */
export async function createSelfSignedCert(
  dir: string,
  name: string,
  altNames: string[] = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1'],
): Promise<SelfSignedCert> {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '2', '-subj', `/CN=${name}`, '-addext', `subjectAltName=${altNames.join(',')}`,
    '-keyout', keyFile, '-out', certFile,
  ]);
  return { certFile, keyFile };
}
