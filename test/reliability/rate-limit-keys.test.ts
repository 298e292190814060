import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { addressKey, createClientAddress } from '../../src/http/client-address.js';
import { createProxyTrust } from '../../src/http/trusted-proxies.js';
import { rateLimitClientKey } from '../../src/rate-limits/client-key.js';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the client address of a request', () => {
  const addressOf = createClientAddress(createProxyTrust(['10.0.0.0/8', '::1']));

  it('is the peer, whatever X-Forwarded-For an untrusted peer sends', () => {
    expect(addressOf(request('203.0.113.7'))).toBe('203.0.113.7');
    expect(addressOf(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
    expect(addressOf(request('::ffff:203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
  });

  it('is, behind trusted proxies, the nearest untrusted hop of X-Forwarded-For; what a client put further left is ignored', () => {
    expect(addressOf(request('10.1.1.1', '198.51.100.1'))).toBe('198.51.100.1');
    expect(addressOf(request('10.1.1.1', 'spoofed, 1.2.3.4, 198.51.100.1, 10.2.2.2'))).toBe('198.51.100.1');
    expect(addressOf(request('::1', '10.9.9.9, 10.8.8.8'))).toBe('10.9.9.9');
    expect(addressOf(request('10.1.1.1', '198.51.100.1, garbage'))).toBe('10.1.1.1');
    expect(addressOf(request('10.1.1.1'))).toBe('10.1.1.1');
  });

  it('groups IPv6 by /64, whichever way the address is written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});

describe('the per-client key of a request', () => {
  const thumbprint = 'ab'.repeat(32);

  it('is the client_id it names, from the form, the RFC 7592 path, HTTP Basic or a client assertion, qualified by its certificate', () => {
    expect(rateLimitClientKey({ form: new Map([['client_id', 'tpp-1']]), certificateThumbprint: thumbprint })).toBe(`id:tpp-1|x5t:${thumbprint}`);
    expect(rateLimitClientKey({ params: { clientId: 'tpp-2' } })).toBe('id:tpp-2');
    const basic = `Basic ${Buffer.from(`${encodeURIComponent('tpp 3')}:secret`).toString('base64')}`;
    expect(rateLimitClientKey({ authorization: basic })).toBe('id:tpp 3');
    const assertion = `${encode({ alg: 'PS256' })}.${encode({ iss: 'tpp-4', sub: 'tpp-4' })}.sig`;
    expect(rateLimitClientKey({ form: new Map([['client_assertion', assertion]]) })).toBe('id:tpp-4');
    expect(rateLimitClientKey({ form: new Map([['client_assertion', `${encode({})}.${encode({ iss: 'tpp-5' })}.s`]]) })).toBe('id:tpp-5');
  });

  it('is the certificate alone without a client id, and absent without either; junk never throws', () => {
    expect(rateLimitClientKey({ certificateThumbprint: thumbprint })).toBe(`x5t:${thumbprint}`);
    expect(rateLimitClientKey({})).toBeUndefined();
    expect(rateLimitClientKey({ authorization: 'Bearer abc', form: new Map([['client_assertion', 'a.%%%.c']]) })).toBeUndefined();
    expect(rateLimitClientKey({ authorization: 'Basic !!!', form: new Map([['client_assertion', `x.${encode([1])}.y`]]) })).toBeUndefined();
  });

  it('hashes a long client id, so a key stays small', () => {
    const key = rateLimitClientKey({ form: new Map([['client_id', 'x'.repeat(8_000)]]) }) ?? '';
    expect(key).toMatch(/^id:sha256:[A-Za-z0-9_-]{43}$/);
  });
});
