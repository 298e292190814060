import type { RequestLimits } from '../protocol/request-limits.js';
import type { TokenLifetimes } from '../tokens/token-lifetimes.js';
import type { Storage } from '../storage/ports.js';
import type { IssueIdToken } from '../tokens/id-token-issuer.js';
import type { AuthorizationResponder } from './authorization-response.js';
import type { AuthorizationPolicy } from './authorization-request.validator.js';
import type { PsuDirectory } from './psu-directory.js';
import type { PsuLockout } from './psu-lockout.js';
import type { VerifyRequestObject } from './request-object.js';

/** Everything the authorization endpoint, PAR and the PSU pages share, wired once from the configuration. */
export interface AuthorizationContext {
  readonly issuer: string;
  readonly policy: AuthorizationPolicy;
  readonly limits: RequestLimits;
  readonly lifetimes: TokenLifetimes;
  readonly storage: Pick<Storage, 'clients' | 'pushedRequests' | 'interactions' | 'consents' | 'grants' | 'authorizationCodes' | 'withTransaction'>;
  readonly verifyRequestObject: VerifyRequestObject;
  readonly responder: AuthorizationResponder;
  readonly issueIdToken: IssueIdToken;
  readonly psus: PsuDirectory;
  readonly psuLockout: PsuLockout;
}
