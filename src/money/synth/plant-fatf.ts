/** Planted mules, structuring, peel chains and rapid movement through new accounts (FATF typologies; Meiklejohn et al. 2013). */
import { DAY } from './background.ts';
import type { Kit } from './plant-kit.ts';

/** An existing account receives 3–6 payments over 10–20 days and forwards 90–98% of each within hours. */
export function plantMule(k: Kit): void {
  const m = k.person();
  const boss = k.fresh();
  const day = k.day();
  const rows: number[] = [];
  for (let i = 0, n = k.d.int(3, 6); i < n; i++) {
    const a = k.d.logNormal(2500, 0.5);
    const t = k.time(day + k.d.int(0, 19));
    rows.push(k.pay(k.person(), m, t, a), k.pay(m, boss, t + k.d.int(1800, 12 * 3600), a * (0.9 + 0.08 * k.d.u())));
  }
  k.record('mule', [m], rows);
}

/** An existing account sends 4–8 payments of 9,000–9,990 within 10–25 days to one account of its own. */
export function plantStructuring(k: Kit): void {
  const s = k.person();
  const own = k.fresh();
  const day = k.day();
  const span = k.d.int(10, 25);
  const rows = Array.from({ length: k.d.int(4, 8) }, () => k.pay(s, own, k.time(day + k.d.int(0, span - 1)), 9000 + k.d.int(0, 990)));
  k.record('structuring', [s, own], rows);
}

/** 5–10 fresh accounts in a row, each peeling 2–10% to an existing account and passing the rest on within 2 days. */
export function plantPeelChain(k: Kit): void {
  const hops = Array.from({ length: k.d.int(5, 10) }, () => k.fresh());
  let t = k.time(k.day());
  let a = k.d.logNormal(20_000, 0.5);
  const rows = [k.pay(k.person(), hops[0]!, t, a)];
  hops.forEach((h, i) => {
    t += k.d.int(600, 2 * DAY);
    const peel = a * (0.02 + 0.08 * k.d.u());
    rows.push(k.pay(h, k.person(), t, peel));
    const next = i + 1 < hops.length ? hops[i + 1]! : k.fresh();
    rows.push(k.pay(h, next, t + 60, a - peel));
    a -= peel;
  });
  k.record('peel-chain', hops, rows);
}

/** A fresh account, opened late, receives 2–5 payments within 5 days and forwards 90–99% of each within 12 hours. */
export function plantRapidNew(k: Kit): void {
  const n = k.fresh();
  const outs = [k.fresh(), k.fresh()];
  const day = k.day(20);
  const rows: number[] = [];
  for (let i = 0, c = k.d.int(2, 5); i < c; i++) {
    const a = k.d.logNormal(1800, 0.5);
    const t = k.time(day + k.d.int(0, 4));
    rows.push(k.pay(k.person(), n, t, a), k.pay(n, outs[i % 2]!, t + k.d.int(600, 12 * 3600), a * (0.9 + 0.09 * k.d.u())));
  }
  k.record('rapid-new-account', [n], rows);
}
