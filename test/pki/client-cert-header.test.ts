import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { parseCertificateHeader, parseClientCertHeader } from '../../src/pki/client-cert-header.ts';

let root: CertificateAuthority;
let intermediate: CertificateAuthority;
const der = (ca: CertificateAuthority) => Buffer.from(new X509Certificate(ca.certPem).raw);

beforeAll(async () => {
  root = await createCertificateAuthority({ commonName: 'Header Root' });
  intermediate = await createCertificateAuthority({ commonName: 'Header Issuing CA', issuer: root });
});

describe('RFC 9440 Client-Cert and Client-Cert-Chain', () => {
  it('decodes a Client-Cert byte sequence to the DER of the certificate', () => {
    const value = `:${der(intermediate).toString('base64')}:`;
    expect(parseClientCertHeader(value).equals(der(intermediate))).toBe(true);
    expect(new X509Certificate(parseClientCertHeader(` ${value} `)).subject).toContain('Header Issuing CA');
  });

  it('decodes a Client-Cert-Chain list in order, with optional whitespace', () => {
    const value = `:${der(intermediate).toString('base64')}: ,\t:${der(root).toString('base64')}:`;
    const chain = parseCertificateHeader(value);
    expect(chain).toHaveLength(2);
    expect(chain[0]?.equals(der(intermediate))).toBe(true);
    expect(chain[1]?.equals(der(root))).toBe(true);
  });

  it('accepts base64 without padding', () => {
    expect(parseCertificateHeader(':AQID:')[0]).toEqual(Buffer.from([1, 2, 3]));
    expect(parseCertificateHeader(':AQ:')[0]).toEqual(Buffer.from([1]));
  });

  it.each([
    ['an empty value', ''],
    ['a bare token', 'MIIBIjAN'],
    ['PEM', '-----BEGIN CERTIFICATE-----'],
    ['a missing closing colon', ':AQID'],
    ['base64url characters', ':AQ-_:'],
    ['padding in the middle', ':AQ==AQ==:'],
    ['an empty byte sequence', '::'],
    ['truncated base64', ':AQIDB:'],
    ['an empty list member', ':AQID:,,:AQID:'],
    ['parameters', ':AQID:;a=1'],
    ['a string item', '"AQID"'],
  ])('rejects %s', (_, value) => {
    expect(() => parseCertificateHeader(value)).toThrowError(Error);
  });

  it('rejects a Client-Cert header with more than one certificate', () => {
    expect(() => parseClientCertHeader(':AQID:, :AQID:')).toThrow(/more than one/);
  });
});
