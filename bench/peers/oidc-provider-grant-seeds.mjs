import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';
import { codeForm, GRANT_SCOPE, pkcePair, preparationLine, preparedNoun, PSU_SUBJECT, REDIRECT_URI, refreshForm, writePreparedForms } from '../lib/grant-forms.mjs';

/** Forms prepared between two progress lines: each line restarts the bench's wait for READY (lib/processes.mjs). */
const PROGRESS_EVERY = 10_000;

/** Entries the roomy in-memory store keeps: far more than a row prepares and issues (five entries per code). */
const ROOMY_ENTRIES = 5_000_000;

/**
 * oidc-provider's own in-memory adapter over its own LRU, with room for millions of entries instead of 1000: the
 * prepared codes and refresh tokens must still be there when the load generator sends them.
 */
export function roomyMemoryAdapter() {
  const store = new LRU({ maxSize: ROOMY_ENTRIES });
  return (model) => new MemoryAdapter(model, store);
}

/**
 * Prepares `count` PSU authorizations through the Provider API, as its interaction would end: a Grant of the
 * `accounts` scope on the resource server, then an AuthorizationCode with an S256 challenge (`grant: 'code'`) or a
 * RefreshToken bound to the client certificate's `x5t#S256` (`grant: 'refresh'`); writes their token request forms
 * to `preparedFile` (lib/grant-forms.mjs) for the probe and the load generator. Reports its progress and then its
 * time on stderr (`preparationLine`, which the bench repeats).
 */
export async function seedOidcProviderGrants(provider, { grant, count, resource, clientId, thumbprint, preparedFile, reuse }) {
  const client = await provider.Client.find(clientId);
  const authTime = Math.floor(Date.now() / 1000);
  const forms = [];
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    if (index > 0 && index % PROGRESS_EVERY === 0) process.stderr.write(`preparing: ${index} of ${count} ${preparedNoun(grant)}\n`);
    const approval = new provider.Grant({ accountId: PSU_SUBJECT, clientId });
    approval.addResourceScope(resource, GRANT_SCOPE);
    const grantId = await approval.save();
    const common = { accountId: PSU_SUBJECT, client, grantId, scope: GRANT_SCOPE, resource, authTime };
    if (grant === 'code') {
      const { verifier, challenge } = pkcePair();
      const code = new provider.AuthorizationCode({ ...common, redirectUri: REDIRECT_URI, codeChallenge: challenge, codeChallengeMethod: 'S256' });
      forms.push(codeForm(clientId, await code.save(), verifier));
    } else {
      const refreshToken = new provider.RefreshToken({ ...common, gty: 'authorization_code', rotations: 0, 'x5t#S256': thumbprint });
      forms.push(refreshForm(clientId, await refreshToken.save()));
    }
  }
  await writePreparedForms(preparedFile, forms, reuse);
  process.stderr.write(`${preparationLine(grant, count, started)}\n`);
}
