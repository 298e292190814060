import { randomBytes, randomUUID } from 'node:crypto';
import { CompactSign } from 'jose';
import type { TppClient } from '../authorization/authorization-fixture.js';
import { signUkBody } from '../support/uk-consent-client.js';
import type { ClientSigningKey } from '../support/tpp-fixtures.js';
import type { BodyRecipe, JwtRecipe, Late, Recipe } from './fuzz-arbitraries.js';
import type { FuzzRequest } from './fuzz-sender.js';

/** What resolving late values needs: the signing keys, and the TPP whose key signs UK OB message signatures. */
export interface FuzzSigners {
  readonly keys: Readonly<Record<'tpp-a' | 'tpp-jwt' | 'tpp-b', ClientSigningKey>>;
  readonly messageSigner: TppClient;
}

const DEFAULT_TYPES: Readonly<Record<BodyRecipe['kind'], string>> = {
  form: 'application/x-www-form-urlencoded',
  json: 'application/json',
  text: 'text/plain',
  bytes: 'application/octet-stream',
  jwt: 'application/jose',
  oversize: 'application/x-www-form-urlencoded',
};

/** `$uuid` → a fresh UUID; in JWT claims also `$now`, `$now+60`, `$now-5` → seconds since the epoch. */
function fresh(value: unknown, withTimes: boolean): unknown {
  if (value === '$uuid') return randomUUID();
  if (typeof value === 'string' && withTimes) {
    const time = /^\$now([+-]\d+)?$/.exec(value);
    if (time !== null) return Math.floor(Date.now() / 1000) + Number(time[1] ?? 0);
  }
  if (Array.isArray(value)) return value.map((member) => fresh(member, withTimes));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, fresh(member, withTimes)]));
  return value;
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');

async function signJwt(signers: FuzzSigners, recipe: JwtRecipe): Promise<string> {
  const header = fresh(recipe.header, false) as Record<string, unknown>;
  const claims = fresh(recipe.claims, true);
  if (recipe.signer === 'unsigned') return `${part({ ...header, alg: 'none' })}.${part(claims)}.`;
  const garbage = `${part(header)}.${part(claims)}.${randomBytes(64).toString('base64url')}`;
  if (recipe.signer === 'garbage') return garbage;
  const key = signers.keys[recipe.signer];
  try {
    return await new CompactSign(Buffer.from(JSON.stringify(claims) ?? 'null'))
      .setProtectedHeader({ ...header, alg: typeof header['alg'] === 'string' ? header['alg'] : (key.publicJwk.alg ?? 'PS256') })
      .sign(key.privateKey);
  } catch {
    return garbage;
  }
}

async function lateText(signers: FuzzSigners, value: Late, bodyText: string): Promise<string> {
  if (typeof value === 'string') return String(fresh(value, false));
  if ('jwt' in value) return signJwt(signers, value.jwt);
  return signUkBody(signers.messageSigner, bodyText);
}

async function bodyOf(signers: FuzzSigners, body: BodyRecipe): Promise<string | Uint8Array> {
  switch (body.kind) {
    case 'form': {
      const pairs = await Promise.all(body.entries.map(async ([name, value]) => [name, await lateText(signers, value, '')] as [string, string]));
      return new URLSearchParams(pairs).toString();
    }
    case 'json':
      return JSON.stringify(fresh(body.value, false)) ?? '';
    case 'text':
      return body.text;
    case 'bytes':
      return body.bytes;
    case 'jwt':
      return signJwt(signers, body.jwt);
    case 'oversize':
      return body.fill.repeat(body.bytes);
  }
}

/** The request a recipe describes, with its JWTs signed, `$uuid`s and times fresh, and the body's signature made. */
export async function resolveRecipe(signers: FuzzSigners, recipe: Recipe): Promise<FuzzRequest> {
  const body = recipe.body === undefined ? undefined : await bodyOf(signers, recipe.body);
  const bodyText = typeof body === 'string' ? body : '';
  const query =
    typeof recipe.query === 'string'
      ? recipe.query
      : new URLSearchParams(await Promise.all(recipe.query.map(async ([name, value]) => [name, await lateText(signers, value, '')] as [string, string]))).toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of recipe.headers) headers[name.toLowerCase()] = await lateText(signers, value, bodyText);
  if (recipe.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = DEFAULT_TYPES[recipe.body.kind];
  return {
    listener: recipe.listener,
    agent: recipe.agent,
    method: recipe.method,
    target: query === '' ? recipe.path : `${recipe.path}?${query}`,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}
