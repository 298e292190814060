import type { DemoProfile } from './demo-profiles.js';
import type { DemoTarget } from './demo-target.js';
import type { HttpsTransport, TlsIdentity } from './https-transport.js';
import type { PsuCredentials } from './psu-sign-in.js';
import type { SecretRedactor } from './secret-redaction.js';

/** What every step of a demo run shares: the ecosystem, the server, the PSU, the redactor and the connections. */
export interface DemoSession {
  readonly profile: DemoProfile;
  readonly target: DemoTarget;
  readonly psu: PsuCredentials;
  /** The demo TPP's redirect URI: never fetched, the demo reads the authorization response off the redirect. */
  readonly redirectUri: string;
  /** Six fresh digits that keep this run's organisation, software and client name apart from earlier runs'. */
  readonly runId: string;
  readonly redactor: SecretRedactor;
  /** A transport with this TLS identity, closed when the run ends. */
  transport(identity: TlsIdentity): HttpsTransport;
}
