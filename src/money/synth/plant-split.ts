/**
 * Planted split payments (FATF smurfing) in our own way: pieces far below what people usually move (a pattern's median
 * piece log-uniform in 0.5–8, each piece ±25% around it), sent in quick bursts of several payments from one payer to
 * one payee — alone (split-payment), or from several payers into one account over weeks (split-fan-in).
 */
import type { Kit } from './plant-kit.ts';

/** A log-uniform piece size for a pattern. */
function pieceSize(k: Kit): number {
  return Math.exp(Math.log(0.5) + k.d.u() * Math.log(16));
}

/** `count` pieces from s to r, all within a few hours of a random time on `day`; returns the rows. */
function burst(k: Kit, s: number, r: number, day: number, count: number, piece: number): number[] {
  const t = k.time(day);
  return Array.from({ length: count }, () => k.pay(s, r, t + k.d.int(0, 4 * 3600), piece * (0.75 + 0.5 * k.d.u())));
}

/** One payer pays one payee 3–6 pieces in a burst, once or twice (the second 3–30 days later). */
export function plantSplitPayment(k: Kit): void {
  const s = k.person();
  const r = k.person();
  const piece = pieceSize(k);
  const day = k.day();
  const rows = burst(k, s, r, day, k.d.int(3, 6), piece);
  if (k.d.u() < 0.5) rows.push(...burst(k, s, r, day + k.d.int(3, 30), k.d.int(3, 6), piece));
  k.record('split-payment', [r, s], rows);
}

/** 3–7 payers each send the same account 1–2 bursts of 2–5 pieces on different days over 20–100 days; a few send single pieces. */
export function plantSplitFanIn(k: Kit): void {
  const r = k.person();
  const payers = Array.from({ length: k.d.int(3, 7) }, () => k.person());
  const piece = pieceSize(k);
  const day = k.d.int(5, 40);
  const span = k.d.int(20, 100);
  const rows: number[] = [];
  for (const s of payers) for (let b = 0, bursts = k.d.int(1, 2); b < bursts; b++) rows.push(...burst(k, s, r, day + k.d.int(0, span), k.d.int(2, 5), piece));
  const singles = Array.from({ length: k.d.int(0, 2) }, () => k.person());
  for (const s of singles) rows.push(k.pay(s, r, k.time(day + k.d.int(0, span)), piece));
  k.record('split-fan-in', [r, ...payers, ...singles], rows);
}
