import type { PortalAsset } from '../portal/portal-assets.js';
import type { Endpoint } from '../protocol/endpoint.types.js';

/** Serves one fixed file of the developer portal, with its media type and caching. */
export function createPortalAssetEndpoint(asset: PortalAsset): Endpoint {
  const headers = { 'content-type': asset.contentType, 'cache-control': asset.cacheControl, 'x-content-type-options': 'nosniff' };
  return async () => ({ status: 200, headers, body: asset.body });
}
