import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderErrorsDocument } from '../../src/errors/errors-document.js';
import { describeWithReason, REASONS } from '../../src/errors/reason-catalogue.js';

/** Code → name of OBExternalStatusReason1Code, extracted from Open Banking Limited's code sets (facts only). */
function officialReasonCodes(): Set<string> {
  const file = resolve(import.meta.dirname, '../fixtures/ob-status-reason-codes.csv');
  return new Set(readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.replace(',', '|')));
}

describe('error catalogue', () => {
  it('docs/errors.md is generated from the code and up to date', () => {
    const onDisk = readFileSync(resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');
    expect(onDisk).toBe(renderErrorsDocument());
  });

  it('renders reason codes per dialect', () => {
    expect(describeWithReason('No certificate', 'certificate_missing', 'uk-ob')).toBe('U019 UK.OBIE.Signature.Missing: No certificate');
    expect(describeWithReason('No certificate', 'certificate_missing', 'stet')).toBe('DS0E IncorrectSignerCertificate: No certificate');
    expect(describeWithReason('No certificate', 'certificate_missing', 'none')).toBe('No certificate');
  });

  it('uses only codes that exist in the open banking code sets', () => {
    const known = officialReasonCodes();
    expect(known.size).toBeGreaterThan(300);
    for (const reason of Object.values(REASONS)) {
      expect(known.has(`${reason.uk.code}|${reason.uk.name}`), reason.uk.code).toBe(true);
      expect(known.has(`${reason.stet.code}|${reason.stet.name}`), reason.stet.code).toBe(true);
    }
  });

  it('keeps every rendered description within the RFC 6749 §5.2 error_description character set', () => {
    for (const reason of Object.keys(REASONS) as (keyof typeof REASONS)[]) {
      for (const dialect of ['uk-ob', 'stet'] as const) {
        expect(describeWithReason('x', reason, dialect)).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/);
      }
    }
  });
});
