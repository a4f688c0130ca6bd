/** Statements for the store write benchmark: people records as a keyed CSV mapping makes them, built by the real statement builder. */
import { createHash } from 'node:crypto';
import { buildStatements, type BuildBase } from '../src/ingest/to-statements.ts';
import type { Model } from '../src/model/schema.ts';
import type { Statement } from '../src/model/statement.ts';
import { rng } from './lib.ts';

/** Statements per person: the id statement and 7 mapped values (name, email and phone searchable). */
export const PER_ENTITY = 8;

const FIRST = ['Anna', 'Marco', 'Olena', 'Pieter', 'Ioana', 'Youssef', 'Sara', 'Lukas', 'Giulia', 'Andrei', 'Fatima', 'Jan', 'Elena', 'Mehmet', 'Sofia', 'Tomasz'];
const LAST = ['Rossi', 'de Vries', 'Popescu', 'Kovalenko', 'Müller', 'Haddad', 'Jansen', 'Nowak', 'Bianchi', 'Ionescu', 'Schmidt', 'El Amrani', 'Visser', 'Shevchenko', 'Yilmaz', 'Weber'];
const COUNTRIES = ['nl', 'de', 'it', 'ro', 'ua', 'pl', 'be', 'fr'];

/** One import's base: one dataset, source, grading and handling for every statement. */
export const BENCH_BASE: BuildBase = {
  dataset: 'bench', source: 'people.csv', importer: 'bench', grading: 'B2', compartment: '', tlp: 'AMBER', handling: 'H0', handlingNote: '',
  seen: '2025-01-01T00:00:00',
};

/**
 * Batch number `b` of `size` statements, deterministic: people rows through the statement builder,
 * with entity ids that are SHA-1 key hashes as a keyed mapping produces them (so index keys are random).
 */
export function peopleBatch(model: Model, b: number, size: number): Statement[] {
  const r = rng(1000 + b);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const out: Statement[] = [];
  for (let i = Math.floor((b * size) / PER_ENTITY); out.length < size; i++) {
    const f = pick(FIRST);
    const l = pick(LAST);
    const date = `${1940 + Math.floor(r() * 65)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const id = createHash('sha1').update(`people${i}`).digest('hex');
    const properties = {
      name: [`${f} ${l}`], firstName: [f], lastName: [l], birthDate: [date], phone: [`+31 6 ${10000000 + Math.floor(r() * 89999999)}`],
      email: [`${f.toLowerCase()}.${i}@example.org`], country: [pick(COUNTRIES)],
    };
    const built = buildStatements(model, BENCH_BASE, String(i + 2), [{ id, schema: 'Person', properties }]);
    if (!built.ok) throw new Error(built.reason);
    for (const s of built.statements) if (out.length < size) out.push(s);
  }
  return out;
}
