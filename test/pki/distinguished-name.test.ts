import { describe, expect, it } from 'vitest';
import { normalizeDn, sameDistinguishedName } from '../../src/pki/distinguished-name.ts';

describe('sameDistinguishedName (RFC 4514 / RFC 4517 comparison)', () => {
  const canonical = 'CN=0015800001041RbAAI,organizationIdentifier=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB';

  it.each([
    ['short names vs OIDs', 'CN=0015800001041RbAAI,2.5.4.97=PSDGB-FCA-123456,2.5.4.10=Acme Payments Ltd,2.5.4.6=GB'],
    ['type names in any case', 'cn=0015800001041RbAAI,ORGANIZATIONIDENTIFIER=PSDGB-FCA-123456,o=Acme Payments Ltd,c=GB'],
    ['long names', 'commonName=0015800001041RbAAI,organizationIdentifier=PSDGB-FCA-123456,organizationName=Acme Payments Ltd,countryName=GB'],
    ['Java OID. prefix', 'CN=0015800001041RbAAI,OID.2.5.4.97=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB'],
    ['values in another case', 'CN=0015800001041rbaai,organizationIdentifier=psdgb-fca-123456,O=ACME PAYMENTS LTD,C=gb'],
    ['spaces around separators and inside values', ' CN = 0015800001041RbAAI , organizationIdentifier=PSDGB-FCA-123456, O=Acme   Payments  Ltd ,C=GB '],
    ['hex-escaped characters', 'CN=0015800001041RbAAI,organizationIdentifier=PSDGB\\2dFCA\\2d123456,O=Acme\\20Payments Ltd,C=GB'],
    ['a #hexstring PrintableString value', 'CN=0015800001041RbAAI,2.5.4.97=#131050534447422d4643412d313233343536,O=Acme Payments Ltd,C=GB'],
    ['a #hexstring UTF8String value', 'CN=0015800001041RbAAI,organizationIdentifier=PSDGB-FCA-123456,O=#0c1141636d65205061796d656e7473204c7464,C=GB'],
  ])('treats %s as the same name', (_, spelling) => {
    expect(sameDistinguishedName(canonical, spelling)).toBe(true);
  });

  it.each([
    ['another CN', 'CN=0015800001041RbAAJ,organizationIdentifier=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB'],
    ['another organizationIdentifier', 'CN=0015800001041RbAAI,organizationIdentifier=PSDGB-FCA-123457,O=Acme Payments Ltd,C=GB'],
    ['RDNs in another order', 'organizationIdentifier=PSDGB-FCA-123456,CN=0015800001041RbAAI,O=Acme Payments Ltd,C=GB'],
    ['a missing RDN', 'CN=0015800001041RbAAI,O=Acme Payments Ltd,C=GB'],
    ['an extra RDN', 'CN=0015800001041RbAAI,OU=Payments,organizationIdentifier=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB'],
    ['the attribute under another type', 'CN=0015800001041RbAAI,serialNumber=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB'],
    ['two RDNs merged into one multi-valued RDN', 'CN=0015800001041RbAAI+organizationIdentifier=PSDGB-FCA-123456,O=Acme Payments Ltd,C=GB'],
  ])('tells %s apart', (_, other) => {
    expect(sameDistinguishedName(canonical, other)).toBe(false);
  });

  it('compares multi-valued RDNs regardless of the order of their attributes', () => {
    expect(sameDistinguishedName('CN=Alice+UID=alice,O=Acme', 'UID=alice+CN=alice,O=Acme')).toBe(true);
    expect(sameDistinguishedName('CN=Alice+UID=alice,O=Acme', 'CN=Alice+UID=bob,O=Acme')).toBe(false);
  });

  it('keeps escaped separators inside values', () => {
    expect(sameDistinguishedName('CN=Acme\\, Inc,O=Acme', 'CN=acme\\2c inc,O=ACME')).toBe(true);
    expect(sameDistinguishedName('CN=Acme\\, Inc,O=Acme', 'CN=Acme,CN=Inc,O=Acme')).toBe(false);
    expect(sameDistinguishedName('CN=a\\+b', 'CN=a+CN=b')).toBe(false);
    expect(sameDistinguishedName('CN=x\\"y\\;z\\<\\>\\\\', 'CN="x\\"y;z<>\\\\"')).toBe(true);
  });

  it('reads escaped UTF-8 the same as the characters', () => {
    expect(sameDistinguishedName('CN=Société Générale', 'CN=Soci\\c3\\a9t\\c3\\a9 G\\C3\\A9n\\C3\\A9rale')).toBe(true);
    expect(sameDistinguishedName('CN=Société', 'CN=Societe')).toBe(false);
  });

  it('treats the empty DN as a name of its own', () => {
    expect(sameDistinguishedName('', '  ')).toBe(true);
    expect(sameDistinguishedName('', 'CN=x')).toBe(false);
  });
});

describe('normalizeDn', () => {
  it('prints a canonical RFC 4514 form', () => {
    expect(normalizeDn('2.5.4.3=Acme  TPP,2.5.4.97=PSDGB-FCA-1,o=Acme,c=gb')).toBe(
      'CN=acme tpp,organizationIdentifier=psdgb-fca-1,O=acme,C=gb',
    );
  });

  it('re-escapes what must be escaped and keeps non-string values as #hex', () => {
    expect(normalizeDn('CN=\\#1\\, b')).toBe('CN=\\#1\\, b');
    expect(normalizeDn('1.2.3.4=#0403010203')).toBe('1.2.3.4=#0403010203');
  });

  it.each([
    'CN',
    'CN=a,',
    'CN=a,,O=b',
    'nosuchtype=a',
    '1.2.=a',
    'CN=a\\',
    'CN=a\\zz',
    'CN=a;O=b',
    'CN=a"b',
    'CN=#abc',
    'CN=#zz',
    'CN="unterminated',
    'CN=\\ff\\fe',
  ])('rejects %j with a plain Error', (text) => {
    expect(() => normalizeDn(text)).toThrowError(Error);
  });
});
