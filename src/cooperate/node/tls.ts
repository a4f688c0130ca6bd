/**
 * The node's TLS credentials: its own Ed25519 identity key (already sealed at rest; never written again)
 * and a self-signed certificate for that key in `node/tls-cert.pem`, made on first use and again when it
 * nears its end, the name or URL changed, or it no longer carries the identity key.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { atomicWrite } from './files.ts';
import { configureIdentity, loadIdentity, nodeDir, rawPublicKey, type NodeIdentity } from './identity.ts';
import { selfSignedCertificate, toPem } from './certificate.ts';

/** A certificate lives a year; it is renewed when less than 30 days are left. */
const LIFETIME_DAYS = 365;
const RENEW_DAYS = 30;
const DAY_MS = 86_400_000;

export interface TlsCredentials {
  /** PKCS#8 PEM of the identity key, in memory only (for `https.createServer`). */
  key: string;
  /** The certificate, PEM. */
  cert: string;
  certificate: X509Certificate;
  file: string;
}

export const certificatePath = (dataDir: string): string => join(nodeDir(dataDir), 'tls-cert.pem');

/** The names the certificate covers: this machine's loopback names and the host of the node's URL. */
export function certificateHosts(me: NodeIdentity): string[] {
  const hosts = ['localhost', '127.0.0.1', '::1'];
  if (me.url) {
    const host = new URL(me.url).hostname.replace(/^\[|\]$/g, '');
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

const covers = (cert: X509Certificate, host: string): boolean => (isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined);

/** Whether a stored certificate still serves: the identity's key, its name, every host, and time left. */
export function certificateFits(cert: X509Certificate, me: NodeIdentity, now: Date): boolean {
  if (cert.publicKey.asymmetricKeyType !== 'ed25519' || rawPublicKey(cert.publicKey) !== me.publicKey) return false;
  if (cert.subject !== `CN=${me.name}` || !cert.verify(cert.publicKey)) return false;
  if (new Date(cert.validTo).getTime() - now.getTime() < RENEW_DAYS * DAY_MS) return false;
  return certificateHosts(me).every((h) => covers(cert, h));
}

function readStored(file: string): X509Certificate | null {
  if (!existsSync(file)) return null;
  try {
    return new X509Certificate(readFileSync(file));
  } catch {
    return null; // unreadable: made again below
  }
}

/**
 * The credentials `corvid serve --tls` listens with; writes a new certificate when the stored one does not fit.
 * @example
 * const tls = loadTlsCredentials(dataDir, loadIdentityFromEnv(dataDir));
 * https.createServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.3' }, handler);
 */
export function loadTlsCredentials(dataDir: string, me: NodeIdentity, now = new Date()): TlsCredentials {
  const file = certificatePath(dataDir);
  let certificate = readStored(file);
  if (!certificate || !certificateFits(certificate, me, now)) {
    // An hour back, so a peer whose clock is a little behind does not see a certificate from the future.
    const der = selfSignedCertificate(me.privateKey, { commonName: me.name, hosts: certificateHosts(me), notBefore: new Date(now.getTime() - 3_600_000), notAfter: new Date(now.getTime() + LIFETIME_DAYS * DAY_MS) });
    atomicWrite(file, toPem(der), 0o644);
    certificate = new X509Certificate(der);
  }
  const key = me.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  return { key, cert: certificate.toString(), certificate, file };
}

/**
 * What `corvid serve` listens with: the node's credentials when TLS is on, else null. `flag` is `--tls` /
 * `--no-tls`: it wins for this start and is stored, so the next start (and `corvid peer id`) agrees;
 * without it the stored setting holds, overridden by CORVID_TLS.
 * @example const tls = serveTls(dataDir, true); await startServer({ store, dataDir, tls: tls ?? undefined });
 */
export function serveTls(dataDir: string, flag: boolean | undefined): TlsCredentials | null {
  const opts = { passphrase: process.env.CORVID_NODE_PASSPHRASE, name: process.env.CORVID_NODE_NAME, url: process.env.CORVID_NODE_URL };
  const me = flag === undefined ? loadIdentity(dataDir, opts) : configureIdentity(dataDir, { tls: flag }, opts);
  return (flag ?? me.tls) ? loadTlsCredentials(dataDir, me) : null;
}
