/** How a spec file gets a fresh store: bare (withStore) or seeded with the fixture (seeded). */
import type { Store } from '../port.ts';
import type { StoreHarness } from './fixture.ts';

export interface SpecRunners {
  withStore: (fn: (h: StoreHarness) => Promise<void>) => () => Promise<void>;
  seeded: (fn: (store: Store, h: StoreHarness) => Promise<void>) => () => Promise<void>;
}
