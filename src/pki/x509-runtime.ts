import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

/**
 * `@peculiar/x509`, loaded after `reflect-metadata` and bound to Node's WebCrypto. Every PKI module imports the
 * library from here so that the set-up happens exactly once, before first use.
 */
export { x509 };

/** A WebCrypto key (Node's `webcrypto.CryptoKey`; the project compiles without the DOM lib). */
export type CryptoKey = webcrypto.CryptoKey;

/** A WebCrypto key pair. */
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** Node's WebCrypto `SubtleCrypto`. */
export const subtle = webcrypto.subtle;
