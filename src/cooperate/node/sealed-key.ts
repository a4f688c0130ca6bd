/**
 * The node's private key at rest: AES-256-GCM under a key derived by scrypt from a passphrase
 * (CORVID_NODE_PASSPHRASE), or, without a passphrase, under a random key kept in a 0600 file beside it.
 * The trade-off is in docs/cooperate.md: the key file only keeps the identity out of copies that omit it.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { CorvidError } from '../../errors.ts';
import { atomicWrite } from './files.ts';

/** scrypt cost: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s): RFC 7914's interactive-login range. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

export type KeyDerivation = { name: 'scrypt'; salt: string; N: number; r: number; p: number } | { name: 'keyfile' };

export interface SealedKey {
  alg: 'aes-256-gcm';
  kdf: KeyDerivation;
  iv: string;
  tag: string;
  data: string;
}

/** Where the wrapping key comes from: a passphrase, or a key file (created when missing). */
export type Unlock = { passphrase: string } | { keyFile: string };

const b64 = (b: Buffer): string => b.toString('base64url');
const unb64 = (s: string): Buffer => Buffer.from(s, 'base64url');

function scryptKey(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r });
}

function keyFileKey(file: string, create: boolean): Buffer {
  if (!existsSync(file)) {
    if (!create) throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_LOCKED', `the node key file ${file} is missing, so the node's private key cannot be opened`);
    atomicWrite(file, randomBytes(32), 0o600);
  }
  const key = readFileSync(file);
  if (key.length !== 32) throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_CORRUPT', `the node key file ${file} does not hold 32 bytes`);
  return key;
}

/**
 * Encrypts a private key (PKCS#8 DER) for storage. The associated data binds the ciphertext to the public key.
 * @example const sealed = sealKey(der, { passphrase: process.env.CORVID_NODE_PASSPHRASE! }, publicKey);
 */
export function sealKey(der: Buffer, unlock: Unlock, aad: string): SealedKey {
  let key: Buffer;
  let kdf: KeyDerivation;
  if ('passphrase' in unlock) {
    const salt = randomBytes(16);
    key = scryptKey(unlock.passphrase, salt, SCRYPT);
    kdf = { name: 'scrypt', salt: b64(salt), ...SCRYPT };
  } else {
    key = keyFileKey(unlock.keyFile, true);
    kdf = { name: 'keyfile' };
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(der), cipher.final()]);
  return { alg: 'aes-256-gcm', kdf, iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data) };
}

/**
 * Decrypts a sealed key; a wrong passphrase, a missing passphrase or key file, or a changed file is
 * CORVID_ERR_COOPERATE_IDENTITY_LOCKED (GCM's tag does not verify).
 * @example const der = openKey(sealed, { passphrase: process.env.CORVID_NODE_PASSPHRASE, keyFile }, publicKey);
 */
export function openKey(sealed: SealedKey, where: { passphrase?: string | undefined; keyFile: string }, aad: string): Buffer {
  const passphrase = where.passphrase;
  let key: Buffer;
  if (sealed.kdf.name === 'scrypt') {
    if (!passphrase) throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_LOCKED', "the node's private key is protected by a passphrase: set CORVID_NODE_PASSPHRASE");
    key = scryptKey(passphrase, unb64(sealed.kdf.salt), sealed.kdf);
  } else {
    key = keyFileKey(where.keyFile, false);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(sealed.iv));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(unb64(sealed.tag));
    return Buffer.concat([decipher.update(unb64(sealed.data)), decipher.final()]);
  } catch {
    throw new CorvidError('CORVID_ERR_COOPERATE_IDENTITY_LOCKED', "the node's private key does not open: wrong passphrase or key file, or the identity file was changed");
  }
}
