const decoders: ReadonlyMap<number, (content: Buffer) => string> = new Map([
  [0x0c, (content: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(content)],
  [0x12, (content: Buffer) => content.toString('latin1')],
  [0x13, (content: Buffer) => content.toString('latin1')],
  [0x14, (content: Buffer) => content.toString('latin1')],
  [0x16, (content: Buffer) => content.toString('latin1')],
  [0x1a, (content: Buffer) => content.toString('latin1')],
  [0x1c, decodeUtf32Be],
  [0x1e, decodeUtf16Be],
]);

function decodeUtf16Be(content: Buffer): string {
  if (content.length % 2 !== 0) throw new Error('BMPString of odd length');
  return Buffer.from(content).swap16().toString('utf16le');
}

function decodeUtf32Be(content: Buffer): string {
  if (content.length % 4 !== 0) throw new Error('UniversalString length is not a multiple of 4');
  const codePoints: number[] = [];
  for (let offset = 0; offset < content.length; offset += 4) codePoints.push(content.readUInt32BE(offset));
  return String.fromCodePoint(...codePoints);
}

function contentOf(der: Buffer): Buffer | undefined {
  const first = der[1];
  if (first === undefined) return undefined;
  if (first < 0x80) return der.length === 2 + first ? der.subarray(2) : undefined;
  const lengthBytes = first & 0x7f;
  if (lengthBytes === 0 || lengthBytes > 4 || der.length < 2 + lengthBytes) return undefined;
  const length = der.readUIntBE(2, lengthBytes);
  return der.length === 2 + lengthBytes + length ? der.subarray(2 + lengthBytes) : undefined;
}

/**
 * The text of a DER-encoded ASN.1 character string (the string types of X.520 `DirectoryString`, plus IA5String,
 * NumericString and VisibleString), or `undefined` when the bytes are not exactly one such string.
 * Used for RFC 4514 §2.4 `#hexstring` values and for attribute values of unexpected types.
 */
export function decodeDerString(der: Uint8Array): string | undefined {
  const bytes = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  const decode = decoders.get(bytes[0] ?? -1);
  const content = contentOf(bytes);
  if (decode === undefined || content === undefined) return undefined;
  try {
    return decode(content);
  } catch {
    return undefined;
  }
}
