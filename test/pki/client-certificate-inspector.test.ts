import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { createCertificateInspector, type CertificateInspector } from '../../src/pki/client-certificate-inspector.ts';
import { sameDistinguishedName } from '../../src/pki/distinguished-name.ts';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.ts';

const DAY = 24 * 3600 * 1000;
const now = new Date();
const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

let root: CertificateAuthority;
let intermediate: CertificateAuthority;
let issued: IssuedCertificate;
let inspector: CertificateInspector;

beforeAll(async () => {
  root = await createCertificateAuthority({ commonName: 'Inspector Root CA' });
  intermediate = await createCertificateAuthority({ commonName: 'Inspector Issuing CA', issuer: root });
  issued = await issueTppCertificate(intermediate, {
    organization: 'Acme Payments Ltd',
    organizationIdentifier: 'PSDGB-FCA-123456',
    commonName: '0015800001041RbAAI',
    roles: ['PSP_AI', 'PSP_PI'],
    notAfter: new Date(now.getTime() + 10 * DAY),
    subjectAltNames: {
      dns: ['tpp.example.com'],
      uri: ['https://tpp.example.com/software/1'],
      email: ['ops@tpp.example.com'],
      ip: ['192.0.2.7', '2001:db8:0:0:0:0:0:1'],
    },
  });
  inspector = createCertificateInspector([new X509Certificate(root.certPem)], { cacheSize: 2 });
});

describe('createCertificateInspector', () => {
  it('parses the subject, SANs, organizationIdentifier and PSD2 attributes of a QWAC-like certificate', () => {
    const certificate = inspector.inspect(der(issued.certPem), [der(intermediate.certPem)], now, 'tls');
    expect(certificate.trust).toEqual({ status: 'trusted' });
    expect(certificate.source).toBe('tls');
    expect(certificate.subjectDn).toBe('CN=0015800001041rbaai,organizationIdentifier=psdgb-fca-123456,O=acme payments ltd,C=gb');
    expect(sameDistinguishedName(certificate.subjectDn, issued.subjectDn)).toBe(true);
    expect(issued.subjectDn).toBe('CN=0015800001041RbAAI,organizationIdentifier=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB');
    expect(certificate.organizationIdentifier).toBe('PSDGB-FCA-123456');
    expect(certificate.psd2).toEqual({ roles: ['PSP_AI', 'PSP_PI'], ncaName: 'Financial Conduct Authority', ncaId: 'GB-FCA' });
    expect(certificate.subjectAltNames).toEqual({
      dns: ['tpp.example.com'],
      uri: ['https://tpp.example.com/software/1'],
      email: ['ops@tpp.example.com'],
      ip: ['192.0.2.7', '2001:db8::1'],
    });
    expect(certificate.leaf.fingerprint256).toBe(new X509Certificate(issued.certPem).fingerprint256);
  });

  it('computes x5t#S256 as openssl does (SHA-256 fingerprint, hex to base64url)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'obas-x5t-'));
    const file = join(directory, 'tpp.pem');
    writeFileSync(file, issued.certPem);
    const output = execFileSync('openssl', ['x509', '-in', file, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    const hex = output.trim().split('=')[1]?.replaceAll(':', '') ?? '';
    const expected = Buffer.from(hex, 'hex').toString('base64url');
    expect(expected).toHaveLength(43);
    expect(inspector.inspect(der(issued.certPem), [], now, 'tls').thumbprintS256).toBe(expected);
    expect(issued.thumbprintS256).toBe(expected);
  });

  it('serves repeated requests from the cache but evaluates time at every request', () => {
    const leaf = der(issued.certPem);
    const chain = [der(intermediate.certPem)];
    const first = inspector.inspect(leaf, chain, now, 'tls');
    const later = inspector.inspect(leaf, chain, new Date(now.getTime() + 11 * DAY), 'proxy-header');
    expect(later.leaf).toBe(first.leaf);
    expect(later.source).toBe('proxy-header');
    expect(later.trust).toMatchObject({ status: 'expired' });
    expect(inspector.inspect(leaf, chain, now, 'tls').trust).toEqual({ status: 'trusted' });
  });

  it('keeps the chain part of the cache key: the same leaf without its intermediate is untrusted', () => {
    expect(inspector.inspect(der(issued.certPem), [], now, 'tls').trust).toMatchObject({ status: 'untrusted' });
    expect(inspector.inspect(der(issued.certPem), [der(intermediate.certPem)], now, 'tls').trust).toEqual({ status: 'trusted' });
  });

  it('evicts the least recently used entries past its size', async () => {
    const others = await Promise.all(
      ['One', 'Two', 'Three'].map((name) => issueTppCertificate(root, { organization: name, keyType: 'ec' })),
    );
    const first = inspector.inspect(der(issued.certPem), [], now, 'tls');
    for (const other of others) expect(inspector.inspect(der(other.certPem), [], now, 'tls').trust).toEqual({ status: 'trusted' });
    expect(inspector.inspect(der(issued.certPem), [], now, 'tls').leaf).not.toBe(first.leaf);
  });

  it('omits the PSD2 members for a certificate without them', async () => {
    const plain = await createCertificateAuthority({ commonName: 'Just a CA', issuer: root });
    const certificate = inspector.inspect(der(plain.certPem), [], now, 'tls');
    expect('psd2' in certificate).toBe(false);
    expect('organizationIdentifier' in certificate).toBe(false);
    expect(certificate.subjectDn).toBe('CN=just a ca');
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => inspector.inspect(Buffer.from('junk'), [], now, 'tls')).toThrow();
    expect(() => inspector.inspect(der(issued.certPem), [Buffer.from('junk')], now, 'tls')).toThrow();
  });
});
