/** `corvid user add` and `corvid token create`: local accounts and API tokens for the server. */
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { hashPassword, issueToken } from '../../server/auth.ts';
import { parseCompartment, parseTlp } from '../../model/handling.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface UserFlags extends GlobalOptions {
  compartments?: string;
  tlp?: string;
  roles?: string;
  password?: string;
}

export function registerUsers(program: Command): void {
  const user = program.command('user').description('local user accounts');
  user
    .command('add <name>')
    .description('create a user with their compartments and TLP ceiling')
    .option('--compartments <list>', "comma-separated compartments, or '*' for all", '')
    .option('--tlp <label>', 'TLP ceiling', 'AMBER')
    .option('--roles <list>', 'comma-separated roles (analyst, admin)', 'analyst')
    .option('--password <pw>', 'password (default: a random one, printed once)')
    .action(async (name: string, _o: UserFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<UserFlags>();
      await withRuntime(o, async (rt) => {
        const password = o.password ?? randomBytes(12).toString('base64url');
        const compartments = o.compartments === '*' ? '*' : (o.compartments ?? '').split(',').filter(Boolean).map(parseCompartment);
        const created = await rt.store.createUser(rt.ctx, {
          name,
          roles: (o.roles ?? 'analyst').split(',').filter(Boolean),
          compartments,
          tlpCeiling: parseTlp(o.tlp ?? 'AMBER'),
          passwordHash: await hashPassword(password),
        });
        const shown = { name: created.name, roles: created.roles, compartments: created.compartments, tlpCeiling: created.tlpCeiling, ...(o.password ? {} : { password }) };
        output(rt, shown, () => `created user ${name}${o.password ? '' : ` with password ${password}`}`);
      });
    });
  program
    .command('token <user>')
    .description('create an API token for a user (shown once)')
    .option('--label <text>', 'what the token is for', 'cli')
    .action(async (name: string, _o: GlobalOptions & { label?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { label?: string }>();
      await withRuntime(o, async (rt) => {
        const token = await issueToken(rt.store, rt.ctx, name, o.label ?? 'cli');
        output(rt, { user: name, token }, () => token);
      });
    });
}
