/**
 * `corvid peer id|add|list|remove|ask|requests|accept|decline`: this node's identity, the peers it
 * trusts and what each may receive, and follow-up requests after a hit.
 */
import type { Command } from 'commander';
import { configureIdentity, loadIdentityFromEnv } from '../../cooperate/node/identity.ts';
import { ACTIONS } from '../../cooperate/peer/audit-events.ts';
import { acceptFollowUp, declineFollowUp, listFollowUps, sendFollowUp, type FollowUp } from '../../cooperate/peer/followup.ts';
import { addPeer, describePeer, listPeers, makePeer, removePeer } from '../../cooperate/peer/peers.ts';
import { dataDirOf, output, reportError, withRuntime, type GlobalOptions } from '../runtime.ts';

interface AddFlags extends GlobalOptions {
  handling?: string;
  permission?: string;
  tlp?: string;
  compartments?: string;
  fuzzy?: boolean;
}

const line = (f: FollowUp): string =>
  `${f.id}  ${f.direction === 'incoming' ? 'from' : 'to'} ${f.peer.padEnd(12)} ${f.status.padEnd(9)} ${f.type} ${f.selector}  case ${f.case || '-'}  basis: ${f.legalBasis}${f.reason ? `  reason: ${f.reason}` : ''}`;

function registerIdentity(peer: Command): void {
  peer
    .command('id')
    .description("print this node's URL, public key and fingerprint (created on first use)")
    .option('--name <name>', "set this node's name")
    .option('--url <url>', "set this node's public URL")
    .action((_o: GlobalOptions & { name?: string; url?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { name?: string; url?: string }>();
      try {
        const dataDir = dataDirOf(o);
        const change = { ...(o.name !== undefined ? { name: o.name } : {}), ...(o.url !== undefined ? { url: o.url } : {}) };
        const me = Object.keys(change).length ? configureIdentity(dataDir, change, { passphrase: process.env.CORVID_NODE_PASSPHRASE }) : loadIdentityFromEnv(dataDir);
        const view = { name: me.name, url: me.url, publicKey: me.publicKey, fingerprint: me.fingerprint };
        output({ json: o.json ?? false }, view, () => [`name:        ${me.name}`, `url:         ${me.url || '(not set: corvid peer id --url https://…)'}`, `public key:  ${me.publicKey}`, `fingerprint: ${me.fingerprint}`].join('\n'));
      } catch (err) {
        reportError(err, o.json ?? false);
        process.exitCode = 2;
      }
    });
}

function registerPeers(peer: Command): void {
  peer
    .command('add <name> <url> <key>')
    .description('trust a peer (its public key exchanged out of band), with what it may receive')
    .option('--tlp <label>', 'the highest TLP it may receive', 'AMBER')
    .option('--compartments <list>', 'compartments whose values it may receive, comma-separated')
    .option('--handling <code>', 'H2: H2 values may go to it (with the recorded permission)')
    .option('--permission <text>', "the provider's permission that allows H2 (reference, date)")
    .option('--no-fuzzy', 'refuse fuzzy name matching with this peer')
    .action(async (name: string, url: string, key: string, _o: AddFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<AddFlags>();
      await withRuntime(o, async (rt) => {
        const p = makePeer({ name, url, publicKey: key, ...(o.tlp ? { tlpCeiling: o.tlp } : {}), compartments: (o.compartments ?? '').split(',').filter(Boolean), ...(o.handling ? { handling: o.handling } : {}), ...(o.permission ? { h2Permission: o.permission } : {}), fuzzy: o.fuzzy !== false }, rt.ctx.actor);
        addPeer(rt.dataDir, p);
        await rt.store.appendAudit(rt.ctx, { action: ACTIONS.peerAdd, target: p.name, detail: { ...describePeer(p) } });
        output(rt, describePeer(p), () => `trusted ${p.name} at ${p.url} (fingerprint ${describePeer(p).fingerprint}): up to TLP:${p.tlpCeiling}, compartments ${p.compartments.join(', ') || 'none'}, H2 ${p.allowH2 ? `allowed (${p.h2Permission})` : 'withheld'}, fuzzy ${p.fuzzy ? 'yes' : 'no'}`);
      });
    });
  peer
    .command('list')
    .description('the trusted peers')
    .action(async (_o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      const peers = listPeers(dataDirOf(o)).map(describePeer);
      output({ json: o.json ?? false }, { peers }, () => peers.map((p) => `${p.name.padEnd(16)} ${p.url.padEnd(32)} ${p.fingerprint}  TLP:${p.tlpCeiling} [${p.compartments.join(',')}] H2:${p.allowH2 ? 'yes' : 'no'} fuzzy:${p.fuzzy ? 'yes' : 'no'}`).join('\n') || 'no peers');
    });
  peer
    .command('remove <name>')
    .description('stop trusting a peer')
    .action(async (name: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const p = removePeer(rt.dataDir, name);
        await rt.store.appendAudit(rt.ctx, { action: ACTIONS.peerRemove, target: p.name, detail: { publicKey: p.publicKey } });
        output(rt, { removed: p.name }, () => `removed ${p.name}`);
      });
    });
}

function registerFollowUps(peer: Command): void {
  peer
    .command('ask <peer>')
    .description('after a hit: ask the peer for more about one selector')
    .requiredOption('--exchange <id>', 'the exchange that found the hit')
    .requiredOption('--type <type>', 'phone | iban | wallet | email | id | name')
    .requiredOption('--selector <value>', 'the selector that hit')
    .requiredOption('--case <compartment>', 'the case (received data is imported into this compartment)')
    .requiredOption('--basis <text>', 'the legal basis of the request')
    .action(async (name: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { exchange: string; type: string; selector: string; case: string; basis: string }>();
      await withRuntime(o, async (rt) => {
        const f = await sendFollowUp(rt.ctx, rt.store, loadIdentityFromEnv(rt.dataDir), rt.dataDir, name, { exchange: o.exchange, type: o.type, selector: o.selector, case: o.case, legalBasis: o.basis });
        output(rt, f, () => `sent request ${f.id} to ${f.peer}`);
      });
    });
  peer
    .command('requests')
    .description('follow-up requests sent and received, newest first')
    .option('--pending', 'only requests waiting for this node’s decision')
    .action(async (_o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { pending?: boolean }>();
      await withRuntime(o, async (rt) => {
        const all = await listFollowUps(rt.ctx, rt.store);
        const requests = o.pending ? all.filter((f) => f.direction === 'incoming' && f.status === 'pending') : all;
        output(rt, { requests }, () => requests.map(line).join('\n') || 'no requests');
      });
    });
  peer
    .command('accept <id>')
    .description('accept a received request: send what the peer may receive (again, to retry a failed delivery)')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const f = await acceptFollowUp(rt.ctx, rt.store, loadIdentityFromEnv(rt.dataDir), rt.dataDir, id);
        output(rt, f, () => `accepted and delivered ${f.id} to ${f.peer}: ${JSON.stringify(f.disclosed)}`);
      });
    });
  peer
    .command('decline <id>')
    .description('decline a received request, with the reason (the peer is told)')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { reason: string }>();
      await withRuntime(o, async (rt) => {
        const f = await declineFollowUp(rt.ctx, rt.store, loadIdentityFromEnv(rt.dataDir), rt.dataDir, id, o.reason);
        output(rt, f, () => `declined ${f.id}${f.notified ? '' : ` (${f.peer} could not be told now)`}`);
      });
    });
}

export function registerPeer(program: Command): void {
  const peer = program.command('peer').description('this node’s identity, trusted peers, and follow-up requests');
  registerIdentity(peer);
  registerPeers(peer);
  registerFollowUps(peer);
}
