import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenKey, newTokenKey, newJwtId, newOpaqueToken } from '../../src/tokens/token-key.js';
import { createRefreshTokenMinter } from '../../src/tokens/refresh-token-issuer.js';
import { hashToken, randomHandle } from '../../src/tokens/token-hash.js';

describe('opaque access and refresh tokens and their storage keys', () => {
  it('a token is 51 base64url characters: 48-bit issue time, then 256 random bits', () => {
    const issuedAt = Date.UTC(2030, 0, 1);
    const token = newOpaqueToken(issuedAt);
    expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes).toHaveLength(38);
    expect(bytes.readUIntBE(0, 6)).toBe(issuedAt);
    expect(newOpaqueToken(issuedAt).slice(8)).not.toBe(token.slice(8));
  });

  it('carries any 48-bit issue time in its first 6 bytes, big-endian', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (issuedAt) => {
        expect(Buffer.from(newOpaqueToken(issuedAt), 'base64url').readUIntBE(0, 6)).toBe(issuedAt);
        expect(Buffer.from(newJwtId(issuedAt), 'base64url').readUIntBE(0, 6)).toBe(issuedAt);
      }),
    );
  });

  it('tokens issued in runs of the same millisecond, in any order of milliseconds, each carry and are keyed by their own', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 48 - 1 }).chain((issuedAt) => fc.constant(Array(3).fill(issuedAt))), { maxLength: 20 }), (runs) => {
        for (const issuedAt of runs.flat() as number[]) {
          const token = newOpaqueToken(issuedAt);
          expect(Buffer.from(token, 'base64url').readUIntBE(0, 6)).toBe(issuedAt);
          expect(newTokenKey(token, issuedAt)).toBe(`${issuedAt.toString(16).padStart(12, '0')}${hashToken(token)}`);
          expect(newTokenKey(token, issuedAt)).toBe(tokenKey(token));
        }
      }),
    );
  });

  it('keys sort by issue time, whatever the random part, and end with the SHA-256 of the whole token', () => {
    const start = Date.UTC(2030, 0, 1);
    const keys = Array.from({ length: 5000 }, (_, index) => tokenKey(newOpaqueToken(start + index * 7919)));
    expect([...keys].sort()).toStrictEqual(keys);
    const token = newOpaqueToken(start);
    expect(tokenKey(token)).toBe(`${start.toString(16).padStart(12, '0')}${hashToken(token)}`);
    expect(newTokenKey(token, start)).toBe(tokenKey(token));
  });

  it('a refresh token is made and stored like an opaque access token: time-prefixed, under its key', () => {
    const issuedAt = Date.UTC(2030, 0, 1);
    const grant = { grantId: 'g', clientId: 'c', subject: 's', scope: 'accounts', accounts: [], authTime: new Date(issuedAt), createdAt: new Date(issuedAt), expiresAt: new Date(issuedAt + 86_400_000) };
    const { token, record } = createRefreshTokenMinter(3600)({ grant, clientId: 'c', scope: 'accounts', now: new Date(issuedAt) });
    expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/);
    expect(Buffer.from(token, 'base64url').readUIntBE(0, 6)).toBe(issuedAt);
    expect(record.tokenHash).toBe(tokenKey(token));
    expect(record.tokenHash.startsWith(issuedAt.toString(16).padStart(12, '0'))).toBe(true);
  });

  it('a JWT whose jti is time-prefixed is keyed by that time, like an opaque token', () => {
    const issuedAt = Date.UTC(2031, 5, 1);
    const jti = newJwtId(issuedAt);
    expect(jti).toMatch(/^[A-Za-z0-9_-]{30}$/);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = `${encode({ alg: 'PS256', typ: 'at+jwt' })}.${encode({ jti, sub: 'a' })}.c2lnbmF0dXJl`;
    expect(tokenKey(jwt)).toBe(`${issuedAt.toString(16).padStart(12, '0')}${hashToken(jwt)}`);
    expect(newTokenKey(jwt, issuedAt)).toBe(tokenKey(jwt));
  });

  it('earlier tokens (43-character opaque, JWT with a 22-character jti) and junk are keyed by their SHA-256 alone', () => {
    const legacy = randomHandle();
    expect(tokenKey(legacy)).toBe(hashToken(legacy));
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const legacyJwt = `${encode({ alg: 'PS256' })}.${encode({ jti: randomHandle(16) })}.c2ln`;
    expect(tokenKey(legacyJwt)).toBe(hashToken(legacyJwt));
    for (const junk of ['a.b.c', 'a.%%%.c', `x.${encode({ jti: 42 })}.y`, `x.${encode([1])}.y`, 'a.b.c.d', '..', `x.${'A'.repeat(20_000)}.y`]) {
      expect(tokenKey(junk)).toBe(hashToken(junk));
    }
  });
});
