/** Atomic file writes for the node's small JSON files: write a temporary file beside the target, then rename. */
import { renameSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `text` to `path` so that readers see the old content or the new, never half of it (rename is
 * atomic within one file system). The file gets `mode` (0600 by default: these files are secrets or trust).
 * @example atomicWrite('/data/node/peers.json', JSON.stringify(peers));
 */
export function atomicWrite(path: string, text: string | Buffer, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
