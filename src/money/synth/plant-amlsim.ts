/** Planted instances of IBM AMLSim's typologies (fan-out, fan-in, cycle, scatter-gather, gather-scatter, bipartite, stack). */
import { DAY } from './background.ts';
import type { Kit } from './plant-kit.ts';

/** One source pays 5–12 existing accounts within 1–5 days. */
export function plantFanOut(k: Kit): void {
  const s = k.person();
  const day = k.day();
  const span = k.d.int(1, 5);
  const base = k.d.logNormal(1500, 0.5);
  const rs = Array.from({ length: k.d.int(5, 12) }, () => k.person());
  const rows = rs.map((r) => k.pay(s, r, k.time(day + k.d.int(0, span - 1)), base * (0.9 + 0.2 * k.d.u())));
  k.record('fan-out', [s, ...rs], rows);
}

/** 5–12 existing accounts pay one within 1–5 days. */
export function plantFanIn(k: Kit): void {
  const t = k.person();
  const day = k.day();
  const span = k.d.int(1, 5);
  const base = k.d.logNormal(1500, 0.5);
  const ss = Array.from({ length: k.d.int(5, 12) }, () => k.person());
  const rows = ss.map((s) => k.pay(s, t, k.time(day + k.d.int(0, span - 1)), base * (0.9 + 0.2 * k.d.u())));
  k.record('fan-in', [t, ...ss], rows);
}

/** 3–6 accounts pass an amount round, each hop 0–2 days after the last, keeping 1–5% at each. */
export function plantCycle(k: Kit): void {
  const nodes = Array.from({ length: k.d.int(3, 6) }, () => k.person());
  let t = k.time(k.day());
  let a = k.d.logNormal(8000, 0.6);
  const rows: number[] = [];
  nodes.forEach((u, i) => {
    rows.push(k.pay(u, nodes[(i + 1) % nodes.length]!, t, a));
    t += k.d.int(0, 2 * DAY);
    a *= 0.95 + 0.04 * k.d.u();
  });
  k.record('cycle', nodes, rows);
}

/** A source splits over 3–8 intermediates, each forwarding 95–99% to one destination within 0–3 days. */
export function plantScatterGather(k: Kit): void {
  const s = k.person();
  const t = k.person();
  const ms = Array.from({ length: k.d.int(3, 8) }, () => k.person());
  const day = k.day();
  const rows: number[] = [];
  for (const m of ms) {
    const a = k.d.logNormal(3000, 0.4);
    const t1 = k.time(day + k.d.int(0, 1));
    rows.push(k.pay(s, m, t1, a), k.pay(m, t, t1 + k.d.int(3600, 3 * DAY), a * (0.95 + 0.04 * k.d.u())));
  }
  k.record('scatter-gather', [s, t, ...ms], rows);
}

/** 4–8 senders pay a centre within 3 days; the centre pays 4–8 receivers within the next 3. */
export function plantGatherScatter(k: Kit): void {
  const c = k.person();
  const ss = Array.from({ length: k.d.int(4, 8) }, () => k.person());
  const rs = Array.from({ length: k.d.int(4, 8) }, () => k.person());
  const day = k.day();
  let sum = 0;
  const rows = ss.map((s) => {
    const a = k.d.logNormal(2000, 0.4);
    sum += a;
    return k.pay(s, c, k.time(day + k.d.int(0, 2)), a);
  });
  for (const r of rs) rows.push(k.pay(c, r, k.time(day + 3 + k.d.int(0, 2)), (sum * 0.97) / rs.length));
  k.record('gather-scatter', [c, ...ss, ...rs], rows);
}

/** Every sender of a layer pays every receiver within `span` days from `day`; returns the rows. */
function layer(k: Kit, ss: number[], rs: number[], day: number, span: number): number[] {
  const rows: number[] = [];
  for (const s of ss) for (const r of rs) rows.push(k.pay(s, r, k.time(day + k.d.int(0, span - 1)), k.d.logNormal(1200, 0.3)));
  return rows;
}

/** 3–5 senders each pay the same 3–5 receivers within 7 days. */
export function plantBipartite(k: Kit): void {
  const ss = Array.from({ length: k.d.int(3, 5) }, () => k.person());
  const rs = Array.from({ length: k.d.int(3, 5) }, () => k.person());
  k.record('bipartite', [...ss, ...rs], layer(k, ss, rs, k.day(), 7));
}

/** Two bipartite layers: 3–4 senders → 3–4 middle accounts within 5 days → 3–4 receivers in the 5 days after. */
export function plantStack(k: Kit): void {
  const [a, b, c] = [0, 1, 2].map(() => Array.from({ length: k.d.int(3, 4) }, () => k.person())) as [number[], number[], number[]];
  const day = k.day();
  k.record('stack', [...a, ...b, ...c], [...layer(k, a, b, day, 5), ...layer(k, b, c, day + 5, 5)]);
}
