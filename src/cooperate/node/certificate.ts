/**
 * A self-signed X.509 v3 certificate for the node's Ed25519 key (RFC 5280, RFC 8410), built as a fixed DER
 * template and signed with Node's `crypto.sign`. No cryptography of our own: only the ASN.1 encoding of the
 * structure OpenSSL then parses. Its one job is to carry the node's public key into a TLS handshake, where
 * peers pin that key; the CA-oriented fields are filled for tools that look at them, not trusted by Corvid.
 */
import { createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';

export interface CertificateRequest {
  /** The subject and issuer common name: the node's name. */
  commonName: string;
  /** Subject alternative names: DNS names and IP addresses (v4 or v6). */
  hosts: readonly string[];
  notBefore: Date;
  notAfter: Date;
}

/** A DER TLV: tag, definite length (short or long form), content. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  if (n < 0x80) return Buffer.concat([Buffer.from([tag, n]), content]);
  const len: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) len.unshift(v % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | len.length, ...len]), content]);
}

const seq = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);
const bitString = (bytes: Buffer, unusedBits = 0): Buffer => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
const octetString = (bytes: Buffer): Buffer => tlv(0x04, bytes);
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0x00]));

/** A non-negative INTEGER from big-endian bytes: leading zeros dropped, one 0x00 added when the top bit is set. */
function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const v = bytes.subarray(i);
  return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

/** An OBJECT IDENTIFIER: the first two arcs in one byte, then base-128 arcs with continuation bits. */
function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime up to 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), to the second, in UTC. */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:T]/g, '');
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const ED25519 = seq(oid('1.3.101.112'));
const name = (cn: string): Buffer => seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

/** An IP address as the 4 or 16 bytes of a SAN iPAddress. */
function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string): string[] => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(all.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
}

/** GeneralName: dNSName [2] or iPAddress [7], both implicit primitives. */
const generalName = (host: string): Buffer => (isIP(host) ? tlv(0x87, ipBytes(host)) : tlv(0x82, Buffer.from(host, 'ascii')));
const extension = (id: string, critical: boolean, value: Buffer): Buffer => seq(oid(id), ...(critical ? [bool(true)] : []), octetString(value));

function extensions(hosts: readonly string[]): Buffer {
  return explicit(
    3,
    seq(
      extension('2.5.29.19', true, seq()), // basicConstraints: not a CA
      extension('2.5.29.15', true, bitString(Buffer.from([0x80]), 7)), // keyUsage: digitalSignature
      extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))), // extKeyUsage: server, client auth
      extension('2.5.29.17', false, seq(...hosts.map(generalName))), // subjectAltName
    ),
  );
}

/**
 * The certificate, DER, self-signed by `privateKey` (an Ed25519 key; the subject key is its public half).
 * @example
 * const der = selfSignedCertificate(me.privateKey, { commonName: 'police-a', hosts: ['localhost', '127.0.0.1'], notBefore, notAfter });
 * new X509Certificate(der).subject; // 'CN=police-a'
 */
export function selfSignedCertificate(privateKey: KeyObject, req: CertificateRequest): Buffer {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive, at most 20 octets (RFC 5280 §4.1.2.2)
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))), // version v3
    integer(serial),
    ED25519,
    name(req.commonName),
    seq(time(req.notBefore), time(req.notAfter)),
    name(req.commonName),
    spki,
    extensions(req.hosts),
  );
  return seq(tbs, ED25519, bitString(sign(null, tbs, privateKey)));
}

/** PEM armour for a DER certificate. */
export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
