import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createAddressPolicy, parseAllowEntry } from '../../src/outbound/address-policy.js';
import { parseIp, type IpAddress } from '../../src/outbound/ip-address.js';
import { createOutboundClient, type OutboundSettings } from '../../src/outbound/outbound-client.js';
import { OutboundError } from '../../src/outbound/outbound-error.js';
import type { ResolveHost } from '../../src/outbound/outbound-target.js';
import { tempDir } from '../config/config-fixtures.js';
import { prepareDataDir } from '../support/obas-harness.js';

const ip = (text: string): IpAddress => {
  const address = parseIp(text);
  if (address === undefined) throw new Error(`not an address: ${text}`);
  return address;
};

/** A resolver with fixed answers, counting its calls; it fails for any name it does not know. */
function fixedResolver(answers: Record<string, string[]>): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const addresses = answers[host];
    if (addresses === undefined) throw Object.assign(new Error(`no answer for ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(resolve, { calls });
}

const NEVER_RESOLVE: ResolveHost = async (host) => {
  throw new Error(`${host} must not be resolved`);
};

const listen = (server: Server, host: string) => new Promise<number>((done) => server.listen(0, host, () => done((server.address() as AddressInfo).port)));
const closeServer = (server: Server) => new Promise((done) => server.close(done));

describe('addresses: strict parsing', () => {
  it('reads dotted-quad IPv4 and RFC 4291 IPv6 only', () => {
    expect(parseIp('127.0.0.1')).toEqual({ family: 4, value: 0x7f000001n });
    expect(parseIp('::ffff:127.0.0.1')).toEqual({ family: 6, value: 0xffff7f000001n });
    expect(parseIp('::ffff:7f00:1')).toEqual(parseIp('::ffff:127.0.0.1'));
    expect(parseIp('2001:db8::1')).toEqual({ family: 6, value: (0x20010db8n << 96n) | 1n });
    for (const text of ['127.1', '0x7f.0.0.1', '0x7f000001', '2130706433', '0177.0.0.1', '01.2.3.4', '127.0.0.1.', '256.0.0.1', '[::1]', 'fe80::1%eth0', ' 127.0.0.1', 'localhost', '']) {
      expect(parseIp(text), text).toBeUndefined();
    }
  });
});

describe('addresses: the policy without an allow-list', () => {
  const policy = createAddressPolicy([]);
  const refused: readonly (readonly [string, string])[] = [
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'reserved, this network, RFC 791'],
    ['10.0.0.1', 'private, RFC 1918'],
    ['100.64.0.1', 'shared, CGNAT, RFC 6598'],
    ['100.127.255.255', 'shared, CGNAT, RFC 6598'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private, RFC 1918'],
    ['172.31.255.255', 'private, RFC 1918'],
    ['192.0.0.8', 'reserved, IETF protocol assignments, RFC 6890'],
    ['192.0.2.1', 'documentation, RFC 5737'],
    ['192.88.99.1', 'reserved, 6to4 relay anycast, RFC 7526'],
    ['192.168.1.1', 'private, RFC 1918'],
    ['198.18.0.1', 'reserved, benchmarking, RFC 2544'],
    ['198.51.100.7', 'documentation, RFC 5737'],
    ['203.0.113.9', 'documentation, RFC 5737'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved, RFC 1112'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::127.0.0.1', 'reserved, IPv4-compatible, RFC 4291 section 2.5.5.1'],
    ['::8.8.8.8', 'reserved, IPv4-compatible, RFC 4291 section 2.5.5.1'],
    ['fc00::1', 'unique-local, RFC 4193'],
    ['fd12:3456::1', 'unique-local, RFC 4193'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'reserved, site-local, RFC 3879'],
    ['ff02::1', 'multicast'],
    ['100::1', 'reserved, discard-only, RFC 6666'],
    ['2001::1', 'reserved, IETF protocol assignments and Teredo, RFC 2928'],
    ['2001:db8::1', 'documentation, RFC 3849'],
    ['3fff::1', 'documentation, RFC 9637'],
    ['5f00::1', 'reserved, outside global unicast 2000::/3'],
    ['64:ff9b:1::1', 'reserved, local-use NAT64, RFC 8215'],
    ['::ffff:127.0.0.1', 'loopback, in an IPv6 form'],
    ['::ffff:7f00:1', 'loopback, in an IPv6 form'],
    ['::ffff:10.0.0.1', 'private, RFC 1918, in an IPv6 form'],
    ['::ffff:169.254.169.254', 'link-local, in an IPv6 form'],
    ['64:ff9b::7f00:1', 'loopback, in an IPv6 form'],
    ['64:ff9b::169.254.169.254', 'link-local, in an IPv6 form'],
    ['2002:7f00:1::1', 'loopback, in an IPv6 form'],
    ['2002:a00:1::', 'private, RFC 1918, in an IPv6 form'],
    ['2002:c0a8:101::1', 'private, RFC 1918, in an IPv6 form'],
  ];
  const allowed = [
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '172.15.255.255',
    '172.32.0.0',
    '192.169.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ];

  it.each(refused)('refuses %s (%s)', (address, kind) => {
    expect(policy.refusal(ip(address))).toBe(kind);
  });

  it.each(allowed)('allows the public address %s', (address) => {
    expect(policy.refusal(ip(address))).toBeUndefined();
  });
});

describe('addresses: the allow-list', () => {
  it('reads addresses, CIDR blocks and host names strictly', () => {
    expect(parseAllowEntry('10.0.0.0/8')).toEqual({ range: { family: 4, base: 0x0a000000n, prefix: 8 } });
    expect(parseAllowEntry('10.1.2.3/8')).toEqual(parseAllowEntry('10.0.0.0/8'));
    expect(parseAllowEntry('::1')).toEqual({ range: { family: 6, base: 1n, prefix: 128 } });
    expect(parseAllowEntry('JWKS.Internal.Example.')).toEqual({ name: 'jwks.internal.example' });
    for (const text of ['127.1', '0x7f.1', '2130706433', '0177.0.0.1', '10.0.0.0/33', '10.0.0.0/08', '::1/129', '[::1]', 'user@host', 'a b', '*.example', 'foo.123', 'https://x.example', '']) {
      expect(parseAllowEntry(text), text).toBeUndefined();
    }
  });

  it('allows listed blocks (and the IPv6 forms of listed IPv4 addresses), and listed host names', () => {
    const policy = createAddressPolicy(['10.0.0.0/8', '::1', 'fd00::/8', 'jwks.internal.example']);
    for (const address of ['10.1.2.3', '::ffff:10.1.2.3', '64:ff9b::a01:203', '2002:a01:203::1', '::1', 'fd00::5']) {
      expect(policy.refusal(ip(address)), address).toBeUndefined();
    }
    expect(policy.refusal(ip('192.168.1.1'))).toBe('private, RFC 1918');
    expect(policy.refusal(ip('127.0.0.1'))).toBe('loopback');
    expect(policy.refusal(ip('fc00::5'))).toBe('unique-local, RFC 4193');
    expect(policy.allowsName('JWKS.internal.example.')).toBe(true);
    expect(policy.allowsName('other.internal.example')).toBe(false);
  });
});

describe('the outbound client', () => {
  let caPem: string;
  let keyPem: string;
  let certPem: string;
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let connections = 0;
  let port: number;
  let ipv6Port: number;
  let pinnedPort: number;
  let pinnedHits = 0;
  let redirectPort: number;

  const client = (settings: Partial<OutboundSettings>) =>
    createOutboundClient({ allow: [], timeoutMs: 1000, maxBytes: 4096, extraCaPems: [caPem], ...settings });
  const failureOf = async (work: Promise<unknown>): Promise<OutboundError> => {
    const error = await work.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(OutboundError);
    return error as OutboundError;
  };

  beforeAll(async () => {
    const { pki } = await prepareDataDir();
    ({ caCertPem: caPem, serverKeyPem: keyPem, serverCertPem: certPem } = pki);
    const tls = { key: keyPem, cert: certPem };
    const main = createHttpsServer(tls, (_request: IncomingMessage, response: ServerResponse) => response.end('{"keys":[]}'));
    main.on('connection', () => (connections += 1));
    const mainIpv6 = createHttpsServer(tls, (_request, response) => response.end('over IPv6'));
    const pinned = createHttpsServer(tls, (_request, response) => {
      pinnedHits += 1;
      response.end('pinned');
    });
    const redirect = createHttpsServer(tls, (_request, response) => response.writeHead(302, { location: 'https://127.0.0.1:1/' }).end());
    servers.push(main, mainIpv6, pinned, redirect);
    port = await listen(main, '127.0.0.1');
    ipv6Port = await listen(mainIpv6, '::1');
    pinnedPort = await listen(pinned, '127.0.0.2');
    redirectPort = await listen(redirect, '127.0.0.1');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map(closeServer));
  });

  it('refuses anything but https, before resolving anything', async () => {
    const outbound = client({ resolve: NEVER_RESOLVE, allow: ['127.0.0.0/8'] });
    for (const url of [`http://127.0.0.1:${port}/`, 'ftp://jwks.example/', 'not a url']) {
      expect((await failureOf(outbound.fetchText(url, 'application/json'))).refusal, url).toBe('is not an https URL');
      expect((await outbound.screen(url))?.refusal, url).toBe('is not an https URL');
    }
  });

  it('judges every spelling of a literal host as the address it is, without resolving it', async () => {
    const outbound = client({ resolve: NEVER_RESOLVE });
    const hosts: readonly (readonly [string, string])[] = [
      ['127.0.0.1', 'loopback'],
      ['0x7f.1', 'loopback'],
      ['127.1', 'loopback'],
      ['2130706433', 'loopback'],
      ['0177.0.0.1', 'loopback'],
      ['%31%32%37.0.0.1', 'loopback'],
      ['１２７.０.０.１', 'loopback'],
      ['0', 'unspecified'],
      ['[::1]', 'loopback'],
      ['[::ffff:127.0.0.1]', 'loopback, in an IPv6 form'],
      ['[0:0:0:0:0:ffff:7f00:1]', 'loopback, in an IPv6 form'],
      ['[64:ff9b::a9fe:a9fe]', 'link-local, in an IPv6 form'],
      ['[2002:a00:1::]', 'private, RFC 1918, in an IPv6 form'],
      ['169.254.169.254', 'link-local'],
      ['0xa9.0xfe.0xa9.0xfe', 'link-local'],
      ['10.0.0.1', 'private, RFC 1918'],
      ['[fd00::1]', 'unique-local, RFC 4193'],
      ['[fe80::1]', 'link-local'],
    ];
    for (const [host, kind] of hosts) {
      const refused = await outbound.screen(`https://${host}:${port}/jwks`);
      expect(refused?.refusal, host).toBe(`names a non-public address (${kind})`);
    }
    expect(await outbound.screen('https://8.8.8.8/jwks')).toBeUndefined();
  });

  it('refuses a host name that resolves to a forbidden address, without connecting to the real server there', async () => {
    const before = connections;
    const error = await failureOf(client({}).fetchText(`https://localhost:${port}/jwks`, 'application/json'));
    expect(error.refusal).toBe('names a host that resolves to a non-public address (loopback)');
    expect(error.message).toMatch(/localhost resolves to 127\.0\.0\.1 \(loopback\)/);
    await expect(client({}).fetchText(`https://127.0.0.1:${port}/jwks`, 'application/json')).rejects.toThrow(/is not a public address \(loopback\)/);
    const mixed = client({ resolve: fixedResolver({ 'jwks.test': ['8.8.8.8', '10.0.0.7'] }) });
    expect((await mixed.screen('https://jwks.test/jwks'))?.refusal).toBe('names a host that resolves to a non-public address (private, RFC 1918)');
    expect(connections).toBe(before);
  });

  it('fetches from a forbidden address once the allow-list names it, by block or by host name', async () => {
    expect(await client({ allow: ['127.0.0.1'] }).fetchText(`https://127.0.0.1:${port}/jwks`, 'application/json')).toBe('{"keys":[]}');
    expect(await client({ allow: ['127.0.0.0/8'] }).fetchText(`https://localhost:${port}/jwks`, 'application/json')).toBe('{"keys":[]}');
    expect(await client({ allow: ['localhost'] }).fetchText(`https://localhost:${port}/jwks`, 'application/json')).toBe('{"keys":[]}');
    expect(await client({ allow: ['localhost'] }).screen(`https://localhost:${port}/jwks`)).toBeUndefined();
    expect(await client({ allow: ['::1'] }).fetchText(`https://[::1]:${ipv6Port}/jwks`, 'application/json')).toBe('over IPv6');
    await expect(client({ allow: ['127.0.0.0/8'] }).fetchText(`https://[::1]:${ipv6Port}/jwks`, 'application/json')).rejects.toThrow(/::1 is not a public address \(loopback\)/);
  });

  it('resolves once and connects to the checked address, still verifying the certificate for the host name', async () => {
    const resolver = fixedResolver({ localhost: ['127.0.0.2'], 'jwks.test': ['127.0.0.2'] });
    const pinned = client({ allow: ['127.0.0.0/8'], resolve: resolver });
    expect(await pinned.fetchText(`https://localhost:${pinnedPort}/jwks`, 'application/json')).toBe('pinned');
    expect(pinnedHits).toBe(1);
    expect(resolver.calls).toEqual(['localhost']);
    // The system resolver says 127.0.0.1, where nothing listens on that port: only the pinned address answers.
    await expect(client({ allow: ['127.0.0.0/8'] }).fetchText(`https://localhost:${pinnedPort}/jwks`, 'application/json')).rejects.toThrow(/ECONNREFUSED/);
    // The certificate is for localhost, not jwks.test: the TLS name check is not bypassed by pinning.
    await expect(pinned.fetchText(`https://jwks.test:${pinnedPort}/jwks`, 'application/json')).rejects.toThrow(/ERR_TLS_CERT_ALTNAME_INVALID|does not match/);
    expect(pinnedHits).toBe(1);
  });

  it('checks again at fetch time: a name that resolved to a public address at registration and to loopback later is refused', async () => {
    const answers: Record<string, string[]> = { 'jwks.tpp.test': ['8.8.8.8'] };
    const outbound = client({ resolve: fixedResolver(answers) });
    expect(await outbound.screen(`https://jwks.tpp.test:${port}/jwks`)).toBeUndefined();
    answers['jwks.tpp.test'] = ['127.0.0.1'];
    const before = connections;
    const error = await failureOf(outbound.fetchText(`https://jwks.tpp.test:${port}/jwks`, 'application/json'));
    expect(error.refusal).toBe('names a host that resolves to a non-public address (loopback)');
    expect(connections).toBe(before);
  });

  it('gives up on an answer that stalls halfway, at the timeout', async () => {
    const stalling = createHttpsServer({ key: keyPem, cert: certPem }, (_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"keys":');
    });
    stalling.on('connection', (socket: Socket) => sockets.push(socket));
    servers.push(stalling);
    const stallingPort = await listen(stalling, '127.0.0.1');
    const started = performance.now();
    const error = await failureOf(client({ allow: ['127.0.0.1'], timeoutMs: 500 }).fetchText(`https://127.0.0.1:${stallingPort}/`, 'application/json'));
    expect(error.message).toBe('no complete answer within 500 ms');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('does not follow redirects', async () => {
    await expect(client({ allow: ['127.0.0.1'] }).fetchText(`https://127.0.0.1:${redirectPort}/`, 'application/json')).rejects.toThrow(
      /HTTP 302 \(redirects are not followed\)/,
    );
  });

  it('answers every failure after the same time: closed port, silent port, plain HTTP, TLS name mismatch, refused address, redirect', async () => {
    const timeoutMs = 600;
    const silent = createTcpServer((socket) => sockets.push(socket));
    const plain = createHttpServer((_request, response) => response.end('plain'));
    const closed = createTcpServer();
    servers.push(silent, plain);
    const [silentPort, plainPort, closedPort] = [await listen(silent, '127.0.0.1'), await listen(plain, '127.0.0.1'), await listen(closed, '127.0.0.1')];
    await closeServer(closed);
    const allowed = client({ allow: ['127.0.0.0/8'], timeoutMs, resolve: fixedResolver({ 'jwks.test': ['127.0.0.1'] }) });
    const forbidden = client({ timeoutMs });
    const cases: Record<string, () => Promise<string>> = {
      closed: () => allowed.fetchText(`https://127.0.0.1:${closedPort}/jwks`, 'application/json'),
      silent: () => allowed.fetchText(`https://127.0.0.1:${silentPort}/jwks`, 'application/json'),
      plain: () => allowed.fetchText(`https://127.0.0.1:${plainPort}/jwks`, 'application/json'),
      'wrong name': () => allowed.fetchText(`https://jwks.test:${port}/jwks`, 'application/json'),
      forbidden: () => forbidden.fetchText(`https://127.0.0.1:${port}/jwks`, 'application/json'),
      redirect: () => allowed.fetchText(`https://127.0.0.1:${redirectPort}/`, 'application/json'),
    };
    const took: Record<string, number> = {};
    for (const [name, run] of Object.entries(cases)) {
      const started = performance.now();
      await failureOf(run());
      took[name] = performance.now() - started;
    }
    const times = Object.values(took);
    for (const [name, ms] of Object.entries(took)) expect(ms, name).toBeGreaterThanOrEqual(timeoutMs - 5);
    expect(Math.max(...times) - Math.min(...times), JSON.stringify(took)).toBeLessThan(300);
  });
});

describe('the outbound configuration section', () => {
  async function outboundOf(file: Record<string, unknown>): Promise<unknown> {
    const dir = tempDir();
    writeFileSync(join(dir, 'obas.json'), JSON.stringify(file));
    return (await loadConfig({ configPath: join(dir, 'obas.json'), env: {}, cwd: dir })).outbound;
  }

  async function problems(file: Record<string, unknown>): Promise<string[]> {
    const error = await outboundOf(file).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.key}: ${issue.problem}`);
  }

  it('allows loopback by default only on a development set-up that nobody else can reach', async () => {
    expect(await outboundOf({})).toEqual({ allow: ['127.0.0.0/8', '::1'], timeoutMs: 3000, maxBytes: 65536 });
    expect(await outboundOf({ frontChannel: { host: 'localhost' }, mtls: { host: '::1' } })).toMatchObject({ allow: ['127.0.0.0/8', '::1'] });
    expect(await outboundOf({ mtls: { host: '0.0.0.0' } })).toMatchObject({ allow: [] });
    expect(await outboundOf({ frontChannel: { host: '10.0.0.5' } })).toMatchObject({ allow: [] });
    expect(await outboundOf({ trustedProxies: ['127.0.0.1'] })).toMatchObject({ allow: [] });
    expect(await outboundOf({ trustDevCa: false })).toMatchObject({ allow: [] });
    expect(await outboundOf({ outbound: { allow: [] } })).toMatchObject({ allow: [] });
    expect(await outboundOf({ outbound: { allow: ['10.0.0.0/8', 'jwks.internal.example'], timeoutMs: 1000, maxBytes: 2048 } })).toEqual({
      allow: ['10.0.0.0/8', 'jwks.internal.example'],
      timeoutMs: 1000,
      maxBytes: 2048,
    });
  });

  it('refuses ambiguous or malformed entries and out-of-range bounds', async () => {
    const expected = 'expected an IP address (127.0.0.1, ::1), a CIDR block (10.0.0.0/8, fd00::/8) or a host name';
    expect(await problems({ outbound: { allow: ['127.1', '0x7f.1', '10.0.0.0/33', 42], timeoutMs: 50, maxBytes: 'big', follow: true } })).toEqual([
      'outbound.follow: got an unknown key, expected one of allow, timeoutMs, maxBytes',
      `outbound.allow[0]: got "127.1", ${expected}`,
      `outbound.allow[1]: got "0x7f.1", ${expected}`,
      `outbound.allow[2]: got "10.0.0.0/33", ${expected}`,
      `outbound.allow[3]: got 42, ${expected}`,
      'outbound.timeoutMs: got 50, expected an integer 100–30000 ms',
      'outbound.maxBytes: got "big", expected an integer 1024–1048576 bytes',
    ]);
  });
});
