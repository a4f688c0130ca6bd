/**
 * What leaves on an accepted follow-up, and how it comes in: the entities holding the selector, as FtM
 * lines (export-ftm.ts) under the export policy (export-policy.ts) set by the peer's clearance — its TLP
 * ceiling and compartments, H2 withheld unless permitted — grouped by the handling each entity must keep;
 * imported on the requester through the ingest pipeline with provenance "received from peer X".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tlpLevel, type HandlingCode, type Tlp } from '../../model/handling.ts';
import type { Context } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import { importFile } from '../../ingest/pipeline.ts';
import type { JsonObject, Store } from '../../store/port.ts';
import { ftmLine } from '../export-ftm.ts';
import { exportableEntities, type ExportCounts } from '../export-policy.ts';
import { holdings, type SelectorType } from './holdings.ts';
import { peerScope } from './holdings.ts';
import type { Peer } from './peers.ts';

/** Entities that must keep the same handling travel together, so the receiver imports each part with it. */
export interface BundlePart {
  tlp: Tlp;
  handling: HandlingCode;
  handlingNote: string;
  lines: string[];
}

export interface Bundle {
  parts: BundlePart[];
  counts: ExportCounts;
}

const H_ORDER: readonly HandlingCode[] = ['H0', 'H1', 'H3', 'H2'];

/** The handling an entity keeps as a whole: its highest TLP, and its most restrictive H-code (H2 > H3 > H1 > H0). */
export function entityHandling(statements: readonly Statement[]): Omit<BundlePart, 'lines'> {
  let tlp: Tlp = 'CLEAR';
  let handling: HandlingCode = 'H0';
  const notes = new Set<string>();
  for (const s of statements) {
    if (tlpLevel(s.tlp) > tlpLevel(tlp)) tlp = s.tlp;
    if (H_ORDER.indexOf(s.handling) > H_ORDER.indexOf(handling)) handling = s.handling;
    if (s.handlingNote) notes.add(s.handlingNote);
  }
  return { tlp, handling, handlingNote: [...notes].sort().join('; ') };
}

/**
 * The bundle for a follow-up on `selector`: the holders this node may show the peer.
 * @example const b = await buildBundle(analystCtx, store, peer, 'phone', '+31612345678');
 */
export async function buildBundle(ctx: Context, store: Store, peer: Peer, type: SelectorType, selector: string): Promise<Bundle> {
  const own = await holdings(ctx, store, peer, type);
  const entityIds = own.holders.get(selector) ?? [];
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  const parts = new Map<string, BundlePart>();
  if (entityIds.length === 0) return { parts: [], counts };
  const policy = { tlpMax: peer.tlpCeiling, allowH2: peer.allowH2, entityIds };
  for await (const { entity, statements } of exportableEntities(peerScope(ctx, peer), store, policy, counts)) {
    const h = entityHandling(statements);
    const key = `${h.tlp}|${h.handling}|${h.handlingNote}`;
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { ...h, lines: [] }));
    part.lines.push(JSON.stringify(ftmLine(entity)));
  }
  return { parts: [...parts.values()], counts };
}

export interface Received {
  dataset: string;
  entities: number;
  statements: number;
  jobs: string[];
}

/**
 * Imports a received bundle into the dataset `peer-<name>`, each part with its handling, the case as
 * compartment, and "received from peer <name>" as source.
 * @example await importBundle(peerCtx, store, dataDir, 'police-b', 'op-falco', bundle.parts);
 */
export async function importBundle(ctx: Context, store: Store, dataDir: string, peerName: string, compartment: string, parts: readonly BundlePart[]): Promise<Received> {
  const dataset = `peer-${peerName}`;
  const inbox = join(dataDir, 'peer-inbox');
  mkdirSync(inbox, { recursive: true, mode: 0o700 });
  const out: Received = { dataset, entities: 0, statements: 0, jobs: [] };
  for (const part of parts) {
    const file = join(inbox, `${dataset}-${randomBytes(8).toString('hex')}.ftm.json`);
    writeFileSync(file, part.lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
    try {
      const s = await importFile(ctx, store, {
        file,
        format: 'ftm',
        dataset,
        title: `Received from peer ${peerName}`,
        source: `received from peer ${peerName}`,
        tlp: part.tlp,
        handling: part.handling,
        handlingNote: part.handlingNote,
        compartment,
        rejectsDir: join(dataDir, 'rejects'),
        force: true,
      });
      out.entities += s.entities;
      out.statements += s.statements.inserted;
      out.jobs.push(s.jobId);
    } finally {
      rmSync(file, { force: true });
    }
  }
  return out;
}

/** The bundle's counts as audit detail. */
export function disclosedDetail(b: Bundle): JsonObject {
  return { entities: b.counts.entities, statements: b.counts.statements, withheldH2: b.counts.withheldH2, parts: b.parts.map((p) => ({ tlp: p.tlp, handling: p.handling, entities: p.lines.length })) };
}
