import { attributeTypeOid } from './dn-attribute-types.js';
import { decodeDerString } from './der-string.js';
import type { DnAttribute, RelativeDistinguishedName } from './dn-attribute-types.js';

const SPECIAL_AFTER_ESCAPE = new Set(['"', '+', ',', ';', '<', '>', '\\', ' ', '#', '=']);
const HEX_PAIR = /^[0-9a-fA-F]{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A reader of RFC 4514 §3 distinguished-name strings. Beyond the strict grammar it accepts what people paste:
 * spaces around `,`, `+` and `=` (RFC 2253 §4), quoted values (RFC 2253 §3), and the `OID.` prefix Java prints.
 * Throws a plain Error on anything else.
 */
class DnStringParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parse(): RelativeDistinguishedName[] {
    const rdns: RelativeDistinguishedName[] = [];
    this.skipSpaces();
    if (this.atEnd()) return rdns;
    for (;;) {
      rdns.push(this.readRdn());
      if (this.atEnd()) return rdns;
      this.expect(',');
    }
  }

  private readRdn(): RelativeDistinguishedName {
    const attributes = [this.readAttribute()];
    while (this.peek() === '+') {
      this.position += 1;
      attributes.push(this.readAttribute());
    }
    return attributes;
  }

  private readAttribute(): DnAttribute {
    this.skipSpaces();
    const start = this.position;
    while (!this.atEnd() && /[A-Za-z0-9.-]/.test(this.peek() ?? '')) this.position += 1;
    const type = this.text.slice(start, this.position);
    const oid = attributeTypeOid(type);
    if (oid === undefined) throw this.error(`unknown attribute type "${type}"`);
    this.skipSpaces();
    this.expect('=');
    this.skipSpaces();
    const value = this.peek() === '#' ? this.readHexValue() : this.readStringValue();
    this.skipSpaces();
    return { oid, value };
  }

  private readHexValue(): string | Uint8Array {
    this.position += 1;
    const start = this.position;
    while (/[0-9a-fA-F]/.test(this.peek() ?? '')) this.position += 1;
    const hex = this.text.slice(start, this.position);
    if (hex.length === 0 || hex.length % 2 !== 0) throw this.error('malformed #hexstring value');
    const der = Buffer.from(hex, 'hex');
    return decodeDerString(der) ?? der;
  }

  private readStringValue(): string {
    const quoted = this.peek() === '"';
    if (quoted) this.position += 1;
    const bytes: number[] = [];
    let significant = 0;
    while (!this.atEnd()) {
      const char = this.peek() as string;
      if (quoted ? char === '"' : char === ',' || char === '+') break;
      if (char === '\\') {
        bytes.push(...this.readEscape());
        significant = bytes.length;
        continue;
      }
      if (!quoted && (char === '"' || char === ';')) throw this.error(`unescaped "${char}" in a value`);
      const codePoint = this.text.codePointAt(this.position) as number;
      const encoded = Buffer.from(String.fromCodePoint(codePoint), 'utf8');
      this.position += codePoint > 0xffff ? 2 : 1;
      bytes.push(...encoded);
      if (char !== ' ') significant = bytes.length;
    }
    if (quoted) this.expect('"');
    try {
      return utf8.decode(Uint8Array.from(quoted ? bytes : bytes.slice(0, significant)));
    } catch {
      throw this.error('escaped bytes are not UTF-8');
    }
  }

  private readEscape(): number[] {
    const next = this.text[this.position + 1];
    const pair = this.text.slice(this.position + 1, this.position + 3);
    if (HEX_PAIR.test(pair)) {
      this.position += 3;
      return [Number.parseInt(pair, 16)];
    }
    if (next !== undefined && SPECIAL_AFTER_ESCAPE.has(next)) {
      this.position += 2;
      return [next.charCodeAt(0)];
    }
    throw this.error('invalid escape sequence');
  }

  private skipSpaces(): void {
    while (this.peek() === ' ') this.position += 1;
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw this.error(`expected "${char}"`);
    this.position += 1;
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private error(reason: string): Error {
    return new Error(`Invalid distinguished name at offset ${this.position}: ${reason}`);
  }
}

/**
 * Parses an RFC 4514 string into its RDNs, in string order (the first RDN of the string is the last of the
 * certificate's `RDNSequence`). `#hexstring` values holding a DER character string become that string, so that
 * `2.5.4.97=#13...` and `organizationIdentifier=...` read the same. Throws a plain Error when unparseable.
 */
export function parseDistinguishedName(text: string): RelativeDistinguishedName[] {
  return new DnStringParser(text).parse();
}
