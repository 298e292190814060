import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedCertificate } from './tpp-certificate.js';

/** Where {@link writeTppBundle} put each file. */
export interface TppBundleFiles {
  /** PKCS #8 private key, mode 0600. */
  readonly key: string;
  readonly certificate: string;
  /** Certificate followed by the issuing CA chain, as a TLS client presents it. */
  readonly chain: string;
  /** `{"keys":[…]}` with the public key (RFC 7517 §5), ready for a client's `jwks`. */
  readonly jwks: string;
}

/**
 * Writes an issued TPP certificate as `tpp.key`, `tpp.pem`, `chain.pem` and `jwks.json` into `directory`.
 * Refuses to overwrite an existing `tpp.key` unless `overwrite` is set.
 */
export async function writeTppBundle(
  directory: string,
  issued: IssuedCertificate,
  overwrite: boolean,
): Promise<TppBundleFiles> {
  await mkdir(directory, { recursive: true });
  const files: TppBundleFiles = {
    key: join(directory, 'tpp.key'),
    certificate: join(directory, 'tpp.pem'),
    chain: join(directory, 'chain.pem'),
    jwks: join(directory, 'jwks.json'),
  };
  try {
    await writeFile(files.key, issued.keyPem, { mode: 0o600, flag: overwrite ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${files.key} exists; use --force to replace it`);
    throw error;
  }
  await chmod(files.key, 0o600);
  await writeFile(files.certificate, issued.certPem);
  await writeFile(files.chain, issued.chainPem);
  await writeFile(files.jwks, `${JSON.stringify({ keys: [issued.publicJwk] }, null, 2)}\n`);
  return files;
}
