// Other entities' captions and schemata for references and links, fetched once per id and shared by every page.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { Entity } from '../types.ts';

const cache = new Map<string, Promise<Entity | null>>();
/** References beyond this many on one page are shown by id: enough for a page, and no flood of requests. */
const MAX_IDS = 80;

/** One entity without its statements or links; null when it does not exist or is hidden from the caller. */
export function fetchEntity(id: string): Promise<Entity | null> {
  let p = cache.get(id);
  if (!p) {
    p = api<Entity>('GET', `/entities/${encodeURIComponent(id)}?links=0`).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      cache.delete(id);
      throw err;
    });
    cache.set(id, p);
  }
  return p;
}

/**
 * The entities for a list of ids, filled in as they arrive (undefined: not yet known; null: not visible).
 * @example const known = useEntities(['fiu-nl.abc']); known['fiu-nl.abc']?.caption
 */
export function useEntities(ids: readonly string[]): Record<string, Entity | null | undefined> {
  const key = [...new Set(ids)].slice(0, MAX_IDS).join('\n');
  const [known, setKnown] = useState<Record<string, Entity | null>>({});
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split('\n') : []) {
      fetchEntity(id).then(
        (e) => {
          if (live) setKnown((k) => (id in k ? k : { ...k, [id]: e }));
        },
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return known;
}
