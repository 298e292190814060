import { describe, expect, it } from 'vitest';
import { accessTokenKey, hashToken, newOpaqueAccessToken, randomHandle } from '../../src/tokens/token-hash.js';

describe('opaque access tokens and their storage keys', () => {
  it('a token is 51 base64url characters: 48-bit issue time, then 256 random bits', () => {
    const issuedAt = Date.UTC(2030, 0, 1);
    const token = newOpaqueAccessToken(issuedAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes).toHaveLength(38);
    expect(bytes.readUIntBE(0, 6)).toBe(issuedAt);
    expect(newOpaqueAccessToken(issuedAt).slice(8)).not.toBe(token.slice(8));
  });

  it('keys sort by issue time, whatever the random part, and end with the SHA-256 of the whole token', () => {
    const start = Date.UTC(2030, 0, 1);
    const keys = Array.from({ length: 5000 }, (_, index) => accessTokenKey(newOpaqueAccessToken(start + index * 7919)));
    expect([...keys].sort()).toStrictEqual(keys);
    const token = newOpaqueAccessToken(start);
    expect(accessTokenKey(token)).toBe(`${start.toString(16).padStart(12, '0')}${hashToken(token)}`);
  });

  it('JWTs and earlier 43-character opaque tokens are keyed by their SHA-256 alone', () => {
    const legacy = randomHandle();
    expect(accessTokenKey(legacy)).toBe(hashToken(legacy));
    const jwt = 'eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';
    expect(accessTokenKey(jwt)).toBe(hashToken(jwt));
  });
});
