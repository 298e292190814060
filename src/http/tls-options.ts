import type { SecureContextOptions, TlsOptions } from 'node:tls';
import { TLS_SESSION_LIFETIME_SECONDS } from './tls-session-tickets.js';

/**
 * Cipher suites allowed on both listeners. TLS 1.3 suites, plus for TLS 1.2 the ECDHE/DHE AES-GCM suites permitted by
 * FAPI 1.0 Advanced §8.5 and recommended by BCP 195 (RFC 9325 §4.2), which FAPI 2.0 SP §5.2.1 refers to.
 */
const FAPI_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
].join(':');

/** Server key material for one listener. */
export interface ServerCredentials {
  readonly keyPem: string;
  readonly certPem: string;
}

/**
 * Session resumption, made explicit rather than left to Node's defaults: TLS 1.3 PSK resumption with tickets
 * (RFC 8446 §2.2, §4.6.1) and TLS 1.2 tickets (RFC 5077) live {@link TLS_SESSION_LIFETIME_SECONDS}; each listener has
 * its own session context (OpenSSL refuses to resume a session of another context), and the ticket keys are set by
 * the listener (`tls-session-tickets.ts`: shared by the workers, rotated). A resumed session keeps the client
 * certificate of its full handshake (OpenSSL stores the peer certificate in the session) but not the intermediates
 * the client sent: see `tls-session-chains.ts`.
 */
function sessionResumption(context: string): TlsOptions {
  return { sessionTimeout: TLS_SESSION_LIFETIME_SECONDS, sessionIdContext: context };
}

/** TLS options of the front-channel listener: TLS ≥ 1.2, FAPI cipher suites, no client certificate request. */
export function frontChannelTls(credentials: ServerCredentials): TlsOptions & SecureContextOptions {
  return {
    key: credentials.keyPem,
    cert: credentials.certPem,
    minVersion: 'TLSv1.2',
    ciphers: FAPI_CIPHERS,
    honorCipherOrder: true,
    ...sessionResumption('obas-front-channel'),
  };
}

/**
 * TLS options of the mutual-TLS listener: a client certificate is requested, but the handshake does not reject a
 * missing or untrusted one (`rejectUnauthorized: false`) so that the endpoint can answer with a proper OAuth error;
 * chain validation is done by `pki/chain-validator.ts`. `caPems` only hints acceptable issuers to the client.
 */
export function mutualTls(credentials: ServerCredentials, caPems: readonly string[]): TlsOptions & SecureContextOptions {
  return {
    ...frontChannelTls(credentials),
    ...sessionResumption('obas-mtls'),
    requestCert: true,
    rejectUnauthorized: false,
    ...(caPems.length === 0 ? {} : { ca: [...caPems] }),
  };
}
