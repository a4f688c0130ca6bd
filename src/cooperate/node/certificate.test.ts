/**
 * The hand-built certificate as OpenSSL reads it (Node's X509Certificate), a real TLS 1.3 handshake with it
 * on loopback where the client accepts only the pinned key, and the certificate file's life in the data
 * directory: kept while it fits, made again when the name, URL, key or time left no longer do.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { loadIdentity, rawPublicKey, type NodeIdentity } from './identity.ts';
import { selfSignedCertificate, toPem } from './certificate.ts';
import { certificatePath, loadTlsCredentials } from './tls.ts';
import { pinnedConnect } from '../peer/pinned-tls.ts';

const DAY = 86_400_000;

describe('the self-signed Ed25519 certificate', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const notBefore = new Date('2030-01-02T03:04:05Z');
  const notAfter = new Date('2051-06-07T08:09:10Z');
  const longName = `node-${'x'.repeat(150)}`;
  const der = selfSignedCertificate(privateKey, { commonName: longName, hosts: ['localhost', '127.0.0.1', '::1', 'fe80::1:2', 'corvid.fiu.example'], notBefore, notAfter });
  const cert = new X509Certificate(der);

  test('carries the key, the name, the hosts and the validity; verifies under its own key', () => {
    assert.equal(rawPublicKey(cert.publicKey), rawPublicKey(publicKey));
    assert.equal(cert.subject, `CN=${longName}`, 'a name over 127 bytes needs the long length form');
    assert.equal(cert.issuer, cert.subject);
    assert.equal(cert.subjectAltName, 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FE80:0:0:0:0:0:1:2, DNS:corvid.fiu.example');
    assert.equal(new Date(cert.validFrom).toISOString(), notBefore.toISOString());
    assert.equal(new Date(cert.validTo).toISOString(), notAfter.toISOString(), '2051 is a GeneralizedTime');
    assert.equal(cert.ca, false);
    assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    assert.ok(cert.verify(publicKey));
    assert.ok(!cert.verify(generateKeyPairSync('ed25519').publicKey));
  });

  test('the serial is positive and different each time; the PEM round-trips', () => {
    const again = new X509Certificate(selfSignedCertificate(privateKey, { commonName: 'a', hosts: ['localhost'], notBefore, notAfter }));
    assert.notEqual(again.serialNumber, cert.serialNumber);
    assert.ok(parseInt(cert.serialNumber.slice(0, 2), 16) < 0x80);
    assert.equal(new X509Certificate(toPem(der)).fingerprint256, cert.fingerprint256);
  });
});

describe('TLS 1.3 with the node certificate, pinned by the client', () => {
  let dir: string;
  let me: NodeIdentity;
  let server: Server;
  let port: number;
  /** Decrypted application bytes the server received, and one promise per TCP connection, kept until it closes. */
  let appBytes = 0;
  const closed: Promise<unknown>[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corvid-cert-'));
    me = loadIdentity(join(dir, 'me'), { name: 'police-a' });
    const creds = loadTlsCredentials(join(dir, 'me'), me);
    server = createServer({ key: creds.key, cert: creds.cert, minVersion: 'TLSv1.3' }, (socket: TLSSocket) => {
      socket.on('data', (b: Buffer) => (appBytes += b.length));
      socket.on('error', () => undefined);
      socket.write('hello from police-a');
    });
    server.on('connection', (raw: Socket) => closed.push(once(raw, 'close')));
    server.on('tlsClientError', () => undefined);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });
  after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('the pinned key passes and the connection carries data both ways', async () => {
    const socket = await pinnedConnect(new URL(`https://127.0.0.1:${port}`), me.publicKey);
    assert.equal(socket.getProtocol(), 'TLSv1.3');
    const [greeting] = (await once(socket, 'data')) as [Buffer];
    assert.equal(greeting.toString(), 'hello from police-a');
    socket.end('ping');
    await Promise.all(closed);
    assert.equal(appBytes, 4);
  });

  test('another pinned key is refused with CORVID_ERR_PEER_TLS_PIN, and not a byte reaches the server', async () => {
    appBytes = 0;
    closed.length = 0;
    const other = rawPublicKey(generateKeyPairSync('ed25519').publicKey);
    await assert.rejects(pinnedConnect(new URL(`https://localhost:${port}`), other), { code: 'CORVID_ERR_PEER_TLS_PIN' });
    await Promise.all(closed);
    assert.equal(closed.length, 1, 'the client did connect');
    assert.equal(appBytes, 0);
  });
});

describe('the certificate file in the data directory', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'corvid-certfile-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  test('made once, kept while it fits, made again for a new URL or near its end; the key is never written', async () => {
    const me = loadIdentity(dir, { name: 'police-b', url: 'http://127.0.0.1:8470' });
    const now = new Date();
    const first = loadTlsCredentials(dir, me, now);
    const pem = await readFile(certificatePath(dir), 'utf8');
    assert.ok(!pem.includes('PRIVATE KEY'));
    assert.equal(loadTlsCredentials(dir, me, now).certificate.serialNumber, first.certificate.serialNumber);
    const moved = { ...me, url: 'https://corvid.police-b.example:8470' };
    const second = loadTlsCredentials(dir, moved, now);
    assert.notEqual(second.certificate.serialNumber, first.certificate.serialNumber);
    assert.equal(second.certificate.checkHost('corvid.police-b.example'), 'corvid.police-b.example');
    const late = new Date(now.getTime() + 340 * DAY);
    assert.notEqual(loadTlsCredentials(dir, moved, late).certificate.serialNumber, second.certificate.serialNumber);
    const stranger = loadIdentity(join(dir, 'other'), { name: 'police-b' });
    const replaced = loadTlsCredentials(dir, { ...stranger, url: moved.url }, late);
    assert.equal(rawPublicKey(replaced.certificate.publicKey), stranger.publicKey, 'a certificate for another key is replaced');
  });
});
