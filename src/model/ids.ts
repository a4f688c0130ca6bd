/**
 * Deterministic, dataset-namespaced ids. An entity id is `<dataset>.<key>`: an import writes only into
 * its own dataset's namespace, so no file can forge a reference into another dataset.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.ts';

const DATASET_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SAFE_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,127}$/;

/** Validates a dataset name: lower-case letters, digits, `_` and `-`, at most 64 characters. */
export function checkDataset(name: string): string {
  if (!DATASET_RE.test(name)) {
    throw new ValidationError('CORVID_ERR_MODEL_INVALID_DATASET', `invalid dataset name: ${JSON.stringify(name)} (lower-case letters, digits, _ and -)`);
  }
  return name;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/**
 * An id made from a source's key fields, like FtM's `make_id`: the SHA-1 of the keys, in the dataset.
 * @example makeId('police-a', 'case-17', 'row-3') // 'police-a.6f1c…'
 */
export function makeId(dataset: string, ...keys: string[]): string {
  return `${dataset}.${sha1(keys.join('\u001f'))}`;
}

/**
 * Puts a source's own id (as found in an FtM, STIX or MISP file) into the dataset's namespace.
 * Ids that are already in this namespace pass unchanged (re-import of our own export); short safe ids
 * keep their readable form; anything else is hashed. `a.b` imported into dataset `c` becomes `c.` + hash.
 */
export function namespaceId(dataset: string, sourceId: string): string {
  const prefix = `${dataset}.`;
  if (sourceId.startsWith(prefix) && SAFE_KEY_RE.test(sourceId.slice(prefix.length))) return sourceId;
  if (SAFE_KEY_RE.test(sourceId)) return `${prefix}${sourceId}`;
  return `${prefix}${sha1(sourceId)}`;
}

/** The dataset an entity id belongs to. */
export function datasetOf(entityId: string): string {
  const dot = entityId.indexOf('.');
  return dot > 0 ? entityId.slice(0, dot) : '';
}

/** True when the id is in that dataset's namespace. The store rejects statements where it is not. */
export function inNamespace(dataset: string, entityId: string): boolean {
  return entityId.length > dataset.length + 1 && entityId.startsWith(`${dataset}.`);
}
