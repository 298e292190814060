import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { connect as connectTcp, type AddressInfo } from 'node:net';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerCertificateReads } from '../../src/http/peer-certificate-reads.js';
import { peerCertificates } from '../../src/http/tls-peer-certificates.js';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/pki/certificate-authority.js';
import { issueTppCertificate, type IssuedCertificate } from '../../src/pki/tpp-certificate.js';

const der = (pem: string): Buffer => new X509Certificate(pem).raw;

describe('choosing how to read a full handshake’s client certificates', () => {
  it('reads an address never seen, or none, as X509', () => {
    const reads = new PeerCertificateReads();
    expect(reads.choose('192.0.2.1')).toBe('x509');
    expect(reads.choose(undefined)).toBe('x509');
    reads.readAsX509(undefined, true);
    expect(reads.choose(undefined)).toBe('x509');
  });

  it('keeps X509 for an address that sends its leaf alone, or whose path needs the chain it sends', () => {
    const reads = new PeerCertificateReads();
    reads.readAsX509('192.0.2.1', false);
    expect(reads.choose('192.0.2.1')).toBe('x509');
    reads.readAsX509('192.0.2.2', true);
    reads.chainNeeded('192.0.2.2');
    expect(reads.choose('192.0.2.2')).toBe('x509');
  });

  it('describes the leaf for an address that sends a chain its path does not need, and looks again every 16th time', () => {
    const reads = new PeerCertificateReads();
    reads.readAsX509('192.0.2.3', true);
    const next = Array.from({ length: 32 }, () => reads.choose('192.0.2.3'));
    expect(next.slice(0, 15).every((read) => read === 'leaf-description')).toBe(true);
    expect(next[15]).toBe('x509');
    expect(next.slice(16, 31).every((read) => read === 'leaf-description')).toBe(true);
    expect(next[31]).toBe('x509');
  });

  it('goes back to X509 when a path described needs the chain after all', () => {
    const reads = new PeerCertificateReads();
    reads.readAsX509('192.0.2.4', true);
    expect(reads.choose('192.0.2.4')).toBe('leaf-description');
    reads.chainNeeded('192.0.2.4');
    expect(reads.choose('192.0.2.4')).toBe('x509');
  });

  it('forgets the least recently seen address past its capacity', () => {
    const reads = new PeerCertificateReads(2);
    reads.readAsX509('192.0.2.5', true);
    reads.readAsX509('192.0.2.6', true);
    reads.readAsX509('192.0.2.7', true);
    expect(reads.choose('192.0.2.5')).toBe('x509');
    expect(reads.choose('192.0.2.7')).toBe('leaf-description');
  });
});

/** A client of the test server: what it sends, from which loopback address, and whether its path needs the chain. */
interface TestClient {
  readonly localAddress: string;
  readonly certificate: IssuedCertificate;
  readonly sentPem: string;
  readonly pathNeedsChain: boolean;
}

describe('the client certificates of a full handshake, read either way', () => {
  let root: CertificateAuthority;
  let issuing: CertificateAuthority;
  let server: Server;
  const seen: { read: string; leaf: Buffer; chain: readonly Buffer[] | undefined }[] = [];
  const needsChain = new Set<string>();

  beforeAll(async () => {
    root = await createCertificateAuthority({ commonName: 'Reads Root CA' });
    issuing = await createCertificateAuthority({ commonName: 'Reads Issuing CA', issuer: root });
    const serverCertificate = await issueTppCertificate(root, { organization: 'Bank', commonName: 'localhost', keyType: 'ec' });
    server = createServer({ key: serverCertificate.keyPem, cert: serverCertificate.certPem, ca: root.certPem, requestCert: true, rejectUnauthorized: false });
    server.on('secureConnection', (socket: TLSSocket) => {
      // The real socket, its two reads counted: which one peerCertificates used.
      const used: string[] = [];
      const describe = socket.getPeerCertificate.bind(socket);
      const asX509 = socket.getPeerX509Certificate.bind(socket);
      socket.getPeerCertificate = ((detailed?: false) => {
        used.push('leaf-description');
        return describe(detailed);
      }) as TLSSocket['getPeerCertificate'];
      socket.getPeerX509Certificate = () => {
        used.push('x509');
        return asX509();
      };
      const peer = peerCertificates(socket);
      const read = used[0] ?? 'none';
      const chain = needsChain.has(socket.remoteAddress ?? '') ? peer?.chain() : undefined;
      seen.push({ read, leaf: peer?.leaf ?? Buffer.alloc(0), chain });
      socket.end('done');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(() => {
    server?.close();
  });

  async function connectOnce(client: TestClient): Promise<void> {
    const socket = connect({
      socket: connectTcp({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, localAddress: client.localAddress }),
      cert: client.sentPem,
      key: client.certificate.keyPem,
      // No trust store: OpenSSL would add the issuers it finds there to what the client sends (its automatic chain).
      rejectUnauthorized: false,
    });
    socket.resume();
    await once(socket, 'close');
  }

  async function connections(client: TestClient, count: number) {
    if (client.pathNeedsChain) needsChain.add(client.localAddress);
    seen.length = 0;
    for (let index = 0; index < count; index += 1) await connectOnce(client);
    return [...seen];
  }

  const base64 = (certificates: readonly Buffer[] | undefined) => certificates?.map((certificate) => certificate.toString('base64'));

  it.each([
    { sent: 'a leaf sent alone', localAddress: '127.0.0.2', viaIssuing: false },
    { sent: 'a chain the path needs', localAddress: '127.0.0.3', viaIssuing: true },
  ])('$sent: read as X509 every time, the leaf and the chain as sent', async ({ localAddress, viaIssuing }) => {
    const certificate = await issueTppCertificate(viaIssuing ? issuing : root, { organization: 'Sent Ltd', commonName: localAddress, keyType: 'rsa' });
    const sentPem = viaIssuing ? certificate.chainPem : certificate.certPem;
    const results = await connections({ localAddress, certificate, sentPem, pathNeedsChain: true }, 4);
    expect(results.map(({ read }) => read)).toEqual(['x509', 'x509', 'x509', 'x509']);
    const sentChain = viaIssuing ? [der(issuing.certPem), der(root.certPem)] : [];
    for (const { leaf, chain } of results) {
      expect(leaf.equals(der(certificate.certPem))).toBe(true);
      expect(base64(chain)).toEqual(base64(sentChain));
    }
  });

  it('a chain the path does not need: described after the first, X509 again on the 17th, the same leaf each time', async () => {
    const certificate = await issueTppCertificate(root, { organization: 'Extra Ltd', commonName: 'extra', keyType: 'rsa' });
    const results = await connections(
      { localAddress: '127.0.0.4', certificate, sentPem: `${certificate.certPem}${root.certPem}`, pathNeedsChain: false },
      18,
    );
    expect(results.map(({ read }) => read)).toEqual(['x509', ...Array<string>(15).fill('leaf-description'), 'x509', 'leaf-description']);
    for (const { leaf } of results) expect(leaf.equals(der(certificate.certPem))).toBe(true);
  });

  it('a described connection whose path needs the chain after all gets it, and the address is read as X509 from then on', async () => {
    const certificate = await issueTppCertificate(root, { organization: 'Extra Ltd', commonName: 'extra-2', keyType: 'rsa' });
    const client = { localAddress: '127.0.0.5', certificate, sentPem: `${certificate.certPem}${root.certPem}`, pathNeedsChain: false };
    expect((await connections(client, 2)).map(({ read }) => read)).toEqual(['x509', 'leaf-description']);
    const [described] = await connections({ ...client, pathNeedsChain: true }, 1);
    expect(described?.read).toBe('leaf-description');
    expect(base64(described?.chain)).toEqual(base64([der(root.certPem)]));
    expect((await connections(client, 1)).map(({ read }) => read)).toEqual(['x509']);
  });
});
