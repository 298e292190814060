import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Psd2Attributes } from '../../src/pki/client-certificate.ts';
import { decodeQcStatements, encodeQcStatements, isPsd2Role, PSD2_ROLE_OIDS } from '../../src/pki/qc-statement.ts';

const attributes: Psd2Attributes = {
  roles: ['PSP_AI', 'PSP_PI'],
  ncaName: 'Financial Conduct Authority',
  ncaId: 'GB-FCA',
};

describe('PSD2 QCStatement (ETSI TS 119 495 §5.1)', () => {
  it('round-trips roles and NCA, with QcCompliance and QcType web', () => {
    const decoded = decodeQcStatements(encodeQcStatements(attributes));
    expect(decoded).toEqual({ qcCompliance: true, qcTypes: ['0.4.0.1862.1.6.3'], psd2: attributes });
  });

  it('round-trips every role and non-ASCII NCA names', () => {
    const all: Psd2Attributes = { roles: ['PSP_AS', 'PSP_PI', 'PSP_AI', 'PSP_IC'], ncaName: 'Autorité de contrôle prudentiel et de résolution', ncaId: 'FR-ACPR' };
    expect(decodeQcStatements(encodeQcStatements(all)).psd2).toEqual(all);
  });

  it('encodes the structure openssl reads: OIDs, role names and NCA as UTF8String', () => {
    const directory = mkdtempSync(join(tmpdir(), 'obas-qc-'));
    const file = join(directory, 'qc.der');
    writeFileSync(file, Buffer.from(encodeQcStatements(attributes)));
    const dump = execFileSync('openssl', ['asn1parse', '-inform', 'DER', '-in', file], { encoding: 'utf8' });
    const lines = dump.split('\n').map((line) => line.replace(/^.*?(prim|cons):\s*/, '').trim());
    expect(lines).toContain('OBJECT            :0.4.0.1862.1.1');
    expect(lines).toContain('OBJECT            :0.4.0.1862.1.6');
    expect(lines).toContain('OBJECT            :0.4.0.1862.1.6.3');
    expect(lines).toContain('OBJECT            :0.4.0.19495.2');
    expect(lines).toContain(`OBJECT            :${PSD2_ROLE_OIDS.PSP_AI}`);
    expect(lines).toContain('UTF8STRING        :PSP_AI');
    expect(lines).toContain(`OBJECT            :${PSD2_ROLE_OIDS.PSP_PI}`);
    expect(lines).toContain('UTF8STRING        :Financial Conduct Authority');
    expect(lines).toContain('UTF8STRING        :GB-FCA');
    expect(lines).not.toContain(`OBJECT            :${PSD2_ROLE_OIDS.PSP_IC}`);
  });

  it('reads roles by OID', () => {
    const encoded = Buffer.from(encodeQcStatements({ ...attributes, roles: ['PSP_IC'] }));
    const icOid = Buffer.from([0x06, 0x07, 0x04, 0x00, 0x81, 0x98, 0x27, 0x01, 0x04]);
    const position = encoded.indexOf(icOid);
    expect(position).toBeGreaterThan(0);
    encoded[position + icOid.length - 1] = 0x09;
    expect(decodeQcStatements(encoded).psd2?.roles).toEqual([]);
  });

  it('reports no PSD2 attributes when the statement is absent, and throws on junk', () => {
    const onlyCompliance = Buffer.from('300a3008060604008e460101', 'hex');
    expect(decodeQcStatements(onlyCompliance)).toEqual({ qcCompliance: true, qcTypes: [] });
    expect(() => decodeQcStatements(Buffer.from('not der'))).toThrow();
  });

  it('knows the four role names', () => {
    expect(['PSP_AS', 'PSP_PI', 'PSP_AI', 'PSP_IC'].every(isPsd2Role)).toBe(true);
    expect(isPsd2Role('PSP_XX')).toBe(false);
    expect(isPsd2Role('toString')).toBe(false);
  });
});
