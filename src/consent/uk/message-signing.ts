import { compactVerify, type CompactJWSHeaderParameters, type FlattenedJWSInput } from 'jose';
import type { ClientKeys } from '../../client-auth/client-keys.js';
import { OAuthError } from '../../errors/oauth-error.js';
import type { Client } from '../../clients/client.js';
import type { KeyStore } from '../../tokens/key-store.js';
import { signJws } from '../../tokens/jws-signer.js';
import {
  checkSignatureHeader,
  MESSAGE_SIGNING_ALGS,
  OB_CRITICAL,
  OB_IAT,
  OB_ISS,
  OB_TAN,
  parseDetachedJws,
  signatureError,
} from './message-signature-header.js';

/** The trust anchor of the Open Banking Directory, the `tan` the profile's examples use. */
export const OPEN_BANKING_TRUST_ANCHOR = 'openbanking.org.uk';

/** Settings of {@link createMessageSigning}. */
export interface MessageSigningSettings {
  /** obas's issuer: `iss` of the responses it signs; its host is the `tan` of responses and an accepted `tan`. */
  readonly issuer: string;
}

/**
 * UK OB message signing of the consent API (read/write data API profile v3.1.4+ "Message Signing"; FAPI-style
 * non-repudiation): a JWS with detached content (RFC 7515 Appendix F) of the exact HTTP body in `x-jws-signature`,
 * its payload base64url-encoded (no `b64`, RFC 7797 is not used since v3.1.4), with `crit` naming the three
 * `http://openbanking.org.uk/` claims.
 */
export interface MessageSigning {
  /**
   * Verifies a request signature of `client` over `body`: the header as {@link checkSignatureHeader} demands, with
   * `iss` the client_id or, for a directory-registered client, `{org_id}/{software_id}`, and `tan`
   * `openbanking.org.uk` or the issuer's host; then the signature with the client's registered key named by `kid`
   * (an unknown kid is U016 InvalidClaim, a signature that does not verify U015 Signature.Invalid).
   */
  verify(signature: string | undefined, body: string, client: Client, now: Date): Promise<void>;
  /**
   * Serialises a response body and signs it as obas (PS256, the active key's `kid`, `iss` the issuer, `tan` the
   * issuer's host): `text` is the body to send as is, `signature` its `x-jws-signature`.
   */
  signBody(body: Readonly<Record<string, unknown>>, now: Date): SignedBody;
}

/** A response body as sent and its detached signature. */
export interface SignedBody {
  readonly text: string;
  readonly signature: string;
}

const CRIT_OPTION = Object.fromEntries(OB_CRITICAL.map((name) => [name, true]));

/** Message signing with the clients' registered keys (requests) and obas's PS256 key (responses). */
export function createMessageSigning(settings: MessageSigningSettings, keys: KeyStore, clientKeys: ClientKeys): MessageSigning {
  const issuerHost = new URL(settings.issuer).host;
  const trustAnchors = [OPEN_BANKING_TRUST_ANCHOR, issuerHost];

  return {
    async verify(value, body, client, now) {
      const jws = parseDetachedJws(value);
      checkSignatureHeader(jws.header, { issuers: issuersOf(client), trustAnchors, now });
      const resolve = await clientKeys.verifier(client).catch((error: unknown) => {
        throw signatureError('signature_claim_invalid', 'The client has no usable registered keys', 'kid', String(error));
      });
      const getKey = async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput) => {
        try {
          return await resolve(header, token);
        } catch (error) {
          throw signatureError('signature_claim_invalid', 'No registered key of the client has this kid and alg', 'kid', String(error));
        }
      };
      const compact = `${jws.encodedHeader}.${Buffer.from(body, 'utf8').toString('base64url')}.${jws.signature}`;
      try {
        await compactVerify(compact, getKey, { algorithms: [...MESSAGE_SIGNING_ALGS], crit: CRIT_OPTION });
      } catch (error) {
        if (error instanceof OAuthError) throw error;
        throw signatureError('signature_invalid', 'The x-jws-signature does not verify over the request body', 'x-jws-signature', String(error));
      }
    },

    signBody(body, now) {
      const header = {
        typ: 'JOSE',
        cty: 'application/json',
        [OB_IAT]: Math.floor(now.getTime() / 1000),
        [OB_ISS]: settings.issuer,
        [OB_TAN]: issuerHost,
        crit: OB_CRITICAL,
      };
      const [encodedHeader, , signature] = signJws(keys.activeKey('PS256'), header, body).split('.');
      return { text: JSON.stringify(body), signature: `${encodedHeader ?? ''}..${signature ?? ''}` };
    },
  };
}

/** The `iss` forms that identify a client: its client_id, and `{org_id}/{software_id}` when it registered both. */
function issuersOf(client: Client): string[] {
  const { orgId, softwareId } = client;
  return orgId !== undefined && softwareId !== undefined ? [client.clientId, `${orgId}/${softwareId}`] : [client.clientId];
}
