import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateInspector } from '../../src/pki/client-certificate-inspector.ts';
import { ensureDevPki, type DevPki } from '../../src/pki/dev-ca.ts';
import { issueTppCertificate } from '../../src/pki/tpp-certificate.ts';

const DAY = 24 * 3600 * 1000;
const freshDir = () => mkdtempSync(join(tmpdir(), 'obas-devpki-'));
const mode = (path: string) => statSync(path).mode & 0o777;

let dataDir: string;
let pki: DevPki;

beforeAll(async () => {
  dataDir = freshDir();
  pki = await ensureDevPki(dataDir);
});

describe('ensureDevPki', () => {
  it('creates a root CA and a localhost server certificate under <dataDir>/pki with private keys 0600', () => {
    expect(pki.directory).toBe(join(dataDir, 'pki'));
    expect(readdirSync(pki.directory).sort()).toEqual(['dev-ca.key', 'dev-ca.pem', 'localhost.key', 'localhost.pem']);
    expect(mode(pki.caKeyPath)).toBe(0o600);
    expect(mode(pki.serverKeyPath)).toBe(0o600);
    const ca = new X509Certificate(pki.caCertPem);
    expect(ca.ca).toBe(true);
    expect(new Date(ca.validTo).getTime() - Date.now()).toBeGreaterThan(9 * 365 * DAY);
    const server = new X509Certificate(pki.serverCertPem);
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
  });

  it('produces a chain openssl verifies for TLS servers', () => {
    const output = execFileSync('openssl', ['verify', '-purpose', 'sslserver', '-CAfile', pki.caCertPath, pki.serverCertPath], {
      encoding: 'utf8',
    });
    expect(output.trim()).toBe(`${pki.serverCertPath}: OK`);
  });

  it('reuses the files on later calls', async () => {
    const again = await ensureDevPki(dataDir);
    expect(again.caKeyPem).toBe(pki.caKeyPem);
    expect(again.caCertPem).toBe(pki.caCertPem);
    expect(again.serverCertPem).toBe(pki.serverCertPem);
    expect(again.serverKeyPem).toBe(pki.serverKeyPem);
  });

  it('gives every concurrent caller on a new directory the same PKI, and leaves no temporary files', async () => {
    const directory = freshDir();
    const results = await Promise.all(Array.from({ length: 6 }, () => ensureDevPki(directory)));
    for (const result of results) {
      expect(result.caKeyPem).toBe(results[0]?.caKeyPem);
      expect(result.caCertPem).toBe(results[0]?.caCertPem);
      expect(result.serverCertPem).toBe(results[0]?.serverCertPem);
    }
    expect(readdirSync(join(directory, 'pki'))).toHaveLength(4);
  });

  it('re-creates a damaged server certificate and renews it a month before it expires, keeping the CA', async () => {
    const directory = freshDir();
    const first = await ensureDevPki(directory);
    writeFileSync(first.serverCertPath, 'garbage');
    const repaired = await ensureDevPki(directory);
    expect(repaired.serverCertPem).toContain('BEGIN CERTIFICATE');
    expect(repaired.serverKeyPem).toBe(first.serverKeyPem);
    const renewed = await ensureDevPki(directory, new Date(Date.now() + 340 * DAY));
    expect(renewed.serverCertPem).not.toBe(repaired.serverCertPem);
    expect(renewed.caCertPem).toBe(first.caCertPem);
  });
});

describe('mutual TLS with the dev PKI', () => {
  let server: Server;
  let port: number;
  const inspected: string[] = [];

  beforeAll(async () => {
    const inspector = createCertificateInspector([new X509Certificate(pki.caCertPem)]);
    server = createServer(
      { key: pki.serverKeyPem, cert: pki.serverCertPem, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
      (request, response) => {
        const peer = (request.socket as TLSSocket).getPeerCertificate(true);
        const result = inspector.inspect(peer.raw, [], new Date(), 'tls');
        inspected.push(`${result.trust.status} ${result.psd2?.roles.join(',') ?? '-'}`);
        response.end(result.thumbprintS256);
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    server.close();
  });

  it('lets a TPP certificate from the dev CA authenticate to the localhost certificate, both ways', async () => {
    const tpp = await issueTppCertificate(pki.ca, { organization: 'Acme', roles: ['PSP_AI'], keyType: 'ec' });
    const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: pki.caCertPem, key: tpp.keyPem, cert: tpp.chainPem });
    await once(socket, 'secureConnect');
    expect(socket.authorized).toBe(true);
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    await once(socket, 'end');
    expect(Buffer.concat(chunks).toString()).toContain(tpp.thumbprintS256);
    expect(inspected).toEqual(['trusted PSP_AI']);
  });
});
