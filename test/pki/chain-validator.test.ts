import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, loadCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.ts';
import { validateChain } from '../../src/pki/chain-validator.ts';
import { loadTrustAnchors } from '../../src/pki/trust-anchors.ts';
import { issueSelfSignedCertificate, issueTppCertificate, type TppCertificateOptions } from '../../src/pki/tpp-certificate.ts';

const DAY = 24 * 3600 * 1000;
const now = new Date();
const node = (pem: string) => new X509Certificate(pem);
const tpp: TppCertificateOptions = { organization: 'Acme Payments Ltd', commonName: 'acme-client', keyType: 'ec' };

let root: CertificateAuthority;
let intermediate: CertificateAuthority;
let anchors: X509Certificate[];

beforeAll(async () => {
  root = await createCertificateAuthority({
    commonName: 'Test Root CA',
    organization: 'obas tests',
    notBefore: new Date(now.getTime() - 1000 * DAY),
  });
  intermediate = await createCertificateAuthority({ commonName: 'Test Issuing CA', issuer: root, pathLength: 0 });
  anchors = [node(root.certPem)];
});

describe('validateChain (RFC 8705 §2.1, RFC 5280 §6.1)', () => {
  it('trusts an RSA TPP certificate issued by an anchor, with or without the anchor in the presented chain', async () => {
    const leaf = await issueTppCertificate(root, { ...tpp, keyType: 'rsa' });
    expect(validateChain(node(leaf.certPem), [], anchors, now)).toEqual({ status: 'trusted' });
    expect(validateChain(node(leaf.certPem), [node(root.certPem)], anchors, now)).toEqual({ status: 'trusted' });
  });

  it('reports an expired leaf as expired, and the same leaf as trusted while it was valid', async () => {
    const leaf = node((await issueTppCertificate(root, { ...tpp, notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - DAY) })).certPem);
    expect(validateChain(leaf, [], anchors, now)).toMatchObject({ status: 'expired' });
    expect(validateChain(leaf, [], anchors, new Date(now.getTime() - 2 * DAY))).toEqual({ status: 'trusted' });
  });

  it('reports a leaf that is not valid yet as not-yet-valid', async () => {
    const leaf = node((await issueTppCertificate(root, { ...tpp, notBefore: new Date(now.getTime() + DAY), notAfter: new Date(now.getTime() + 30 * DAY) })).certPem);
    expect(validateChain(leaf, [], anchors, now)).toMatchObject({ status: 'not-yet-valid' });
    expect(validateChain(leaf, [], anchors, new Date(now.getTime() + 2 * DAY))).toEqual({ status: 'trusted' });
  });

  it('does not trust a certificate from an unrelated CA, even when that CA is presented', async () => {
    const stranger = await createCertificateAuthority({ commonName: 'Test Root CA', organization: 'obas tests' });
    const leaf = node((await issueTppCertificate(stranger, tpp)).certPem);
    expect(validateChain(leaf, [], anchors, now)).toMatchObject({ status: 'untrusted' });
    expect(validateChain(leaf, [node(stranger.certPem)], anchors, now)).toMatchObject({ status: 'untrusted' });
  });

  it('does not trust a self-signed certificate unless it is itself an anchor', async () => {
    const self = node((await issueSelfSignedCertificate(tpp)).certPem);
    expect(validateChain(self, [], anchors, now)).toMatchObject({ status: 'untrusted' });
    expect(validateChain(self, [self], anchors, now)).toMatchObject({ status: 'untrusted' });
    expect(validateChain(self, [], [...anchors, self], now)).toEqual({ status: 'trusted' });
  });

  it('reports a leaf without the clientAuth purpose as wrong-usage', async () => {
    const leaf = node((await issueTppCertificate(root, { ...tpp, keyPurposes: ['serverAuth'] })).certPem);
    expect(validateChain(leaf, [], anchors, now)).toEqual({
      status: 'wrong-usage',
      detail: 'the extendedKeyUsage of the certificate does not include clientAuth',
    });
  });

  it('builds a path through a presented intermediate', async () => {
    const leaf = node((await issueTppCertificate(intermediate, tpp)).certPem);
    expect(validateChain(leaf, [node(intermediate.certPem)], anchors, now)).toEqual({ status: 'trusted' });
    expect(validateChain(leaf, [node(intermediate.certPem), node(root.certPem)], anchors, now)).toEqual({ status: 'trusted' });
    expect(validateChain(leaf, [], anchors, now)).toMatchObject({ status: 'untrusted' });
    expect(validateChain(leaf, [], [node(intermediate.certPem)], now)).toEqual({ status: 'trusted' });
  });

  it('checks the validity of every certificate of the path', async () => {
    const lapsed = await createCertificateAuthority({
      commonName: 'Lapsed Issuing CA',
      issuer: root,
      notBefore: new Date(now.getTime() - 30 * DAY),
      notAfter: new Date(now.getTime() - DAY),
    });
    const leaf = node((await issueTppCertificate(lapsed, tpp)).certPem);
    const trust = validateChain(leaf, [node(lapsed.certPem)], anchors, now);
    expect(trust).toMatchObject({ status: 'expired' });
    expect(trust.status !== 'trusted' && trust.detail).toContain('Lapsed Issuing CA');
  });

  it('enforces the path length constraint of issuers', async () => {
    const deeper = await createCertificateAuthority({ commonName: 'Too Deep CA', issuer: intermediate });
    const leaf = node((await issueTppCertificate(deeper, tpp)).certPem);
    const trust = validateChain(leaf, [node(deeper.certPem), node(intermediate.certPem)], anchors, now);
    expect(trust).toMatchObject({ status: 'untrusted' });
    expect(trust.status !== 'trusted' && trust.detail).toContain('intermediates below it');
  });

  it('does not accept a certificate signed by an end-entity certificate', async () => {
    const endEntity = await issueTppCertificate(root, { ...tpp, commonName: 'not-a-ca' });
    const fakeCa = await loadCertificateAuthority(endEntity.certPem, endEntity.keyPem);
    const leaf = node((await issueTppCertificate(fakeCa, tpp)).certPem);
    expect(validateChain(leaf, [node(endEntity.certPem)], anchors, now)).toMatchObject({ status: 'untrusted' });
  });

  it('does not accept a certificate whose signature was tampered with', async () => {
    const der = Buffer.from(node((await issueTppCertificate(root, tpp)).certPem).raw);
    der[der.length - 5] = (der[der.length - 5] as number) ^ 0x01;
    expect(validateChain(new X509Certificate(der), [], anchors, now)).toMatchObject({ status: 'untrusted' });
  });
});

describe('loadTrustAnchors', () => {
  it('reads every certificate of every PEM bundle and rejects a file without one', () => {
    const directory = mkdtempSync(join(tmpdir(), 'obas-anchors-'));
    const bundle = join(directory, 'bundle.pem');
    const empty = join(directory, 'empty.pem');
    writeFileSync(bundle, `# test bundle\n${root.certPem}\n${intermediate.certPem}`);
    writeFileSync(empty, 'nothing here\n');
    expect(loadTrustAnchors([bundle]).map((certificate) => certificate.fingerprint256)).toEqual([
      node(root.certPem).fingerprint256,
      node(intermediate.certPem).fingerprint256,
    ]);
    expect(() => loadTrustAnchors([bundle, empty])).toThrow(/No certificate/);
  });
});
