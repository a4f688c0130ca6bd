/**
 * The peers this node trusts, and what each may receive: a JSON file in the data directory
 * (node/peers.json), written atomically. Why a file and not a table: it is node configuration beside
 * the node's key, changed by the operator, read on every signed request; see docs/cooperate.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CorvidError, NotFoundError } from '../../errors.ts';
import { parseCompartment, parseTlp, type Tlp } from '../../model/handling.ts';
import { atomicWrite } from '../node/files.ts';
import { fingerprint, nodeDir, publicKeyFrom } from '../node/identity.ts';

export interface Peer {
  /** This node's name for the peer (lower-case letters, digits, - and _). */
  name: string;
  /** Where it answers, e.g. https://corvid.police-b.example:8470. */
  url: string;
  /** Its Ed25519 public key (base64url), exchanged out of band. */
  publicKey: string;
  /** The highest TLP it may receive. */
  tlpCeiling: Tlp;
  /** Compartments whose values it may receive ([] = none: only values outside any compartment). */
  compartments: string[];
  /** Whether H2 values may go to it, and the recorded permission that allows it. */
  allowH2: boolean;
  h2Permission: string;
  /** Whether this node takes part in fuzzy (Bloom-filter) name matching with it. */
  fuzzy: boolean;
  addedAt: string;
  addedBy: string;
}

export interface PeerInit {
  name: string;
  url: string;
  publicKey: string;
  tlpCeiling?: string;
  compartments?: readonly string[];
  handling?: string;
  h2Permission?: string;
  fuzzy?: boolean;
}

const NAME_RE = /^[a-z0-9][a-z0-9_-]{0,57}$/;
const path = (dataDir: string): string => join(nodeDir(dataDir), 'peers.json');

/** Checks and normalises a new peer (CORVID_ERR_VALIDATION on a bad name, URL, key, TLP or handling). */
export function makePeer(init: PeerInit, actor: string, at = new Date()): Peer {
  if (!NAME_RE.test(init.name)) throw new CorvidError('CORVID_ERR_VALIDATION', `a peer name is lower-case letters, digits, - and _: ${init.name}`);
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(init.url)) throw new CorvidError('CORVID_ERR_VALIDATION', `not an http(s) URL: ${init.url}`);
  publicKeyFrom(init.publicKey);
  const handling = (init.handling ?? '').trim().toUpperCase();
  if (handling !== '' && handling !== 'H2') throw new CorvidError('CORVID_ERR_VALIDATION', `--handling takes H2 (H0, H1 and H3 values always go with their code): ${init.handling}`);
  return {
    name: init.name,
    url: init.url.replace(/\/+$/, ''),
    publicKey: init.publicKey,
    tlpCeiling: parseTlp(init.tlpCeiling ?? 'AMBER'),
    compartments: [...new Set((init.compartments ?? []).map(parseCompartment).filter((c) => c !== ''))].sort(),
    allowH2: handling === 'H2',
    h2Permission: handling === 'H2' ? init.h2Permission?.trim() || `permission recorded by ${actor} when adding the peer` : '',
    fuzzy: init.fuzzy ?? true,
    addedAt: at.toISOString(),
    addedBy: actor,
  };
}

let cache: { file: string; stamp: string; peers: Peer[] } | null = null;

/**
 * The trusted peers, read again whenever the file changed (so `corvid peer add` reaches a running server).
 * @example const peers = listPeers('./corvid-data');
 */
export function listPeers(dataDir: string): Peer[] {
  const file = path(dataDir);
  if (!existsSync(file)) return [];
  const st = statSync(file);
  const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
  if (cache && cache.file === file && cache.stamp === stamp) return cache.peers;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { peers?: Peer[] };
  const peers = Array.isArray(parsed.peers) ? parsed.peers : [];
  cache = { file, stamp, peers };
  return peers;
}

function save(dataDir: string, peers: readonly Peer[]): void {
  atomicWrite(path(dataDir), `${JSON.stringify({ version: 1, peers }, null, 2)}\n`);
}

/** The peer by this node's name for it; CORVID_ERR_NOT_FOUND when there is none. */
export function getPeer(dataDir: string, name: string): Peer {
  const p = listPeers(dataDir).find((x) => x.name === name);
  if (!p) throw new NotFoundError('peer', name);
  return p;
}

/** The peer holding this public key, or null (an unknown node). */
export function peerByKey(dataDir: string, publicKey: string): Peer | null {
  return listPeers(dataDir).find((x) => x.publicKey === publicKey) ?? null;
}

/** Trusts a peer; a name or key already trusted is CORVID_ERR_PEER_EXISTS. */
export function addPeer(dataDir: string, peer: Peer): Peer {
  const peers = listPeers(dataDir);
  const clash = peers.find((x) => x.name === peer.name || x.publicKey === peer.publicKey);
  if (clash) throw new CorvidError('CORVID_ERR_PEER_EXISTS', `already trusted as ${clash.name}`, { peer: clash.name });
  save(dataDir, [...peers, peer].sort((a, b) => a.name.localeCompare(b.name)));
  return peer;
}

/** Stops trusting a peer; CORVID_ERR_NOT_FOUND when there is none of that name. */
export function removePeer(dataDir: string, name: string): Peer {
  const peer = getPeer(dataDir, name);
  save(dataDir, listPeers(dataDir).filter((x) => x.name !== name));
  return peer;
}

/** The peer as shown to users: everything but nothing secret (there is nothing secret), plus its fingerprint. */
export function describePeer(p: Peer): Peer & { fingerprint: string } {
  return { ...p, fingerprint: fingerprint(p.publicKey) };
}
