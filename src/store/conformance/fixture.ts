/** The conformance suite's fixture: two datasets with public, compartmented and RED statements, the callers, and small helpers. */
import { makeContext, systemContext } from '../../model/context.ts';
import { datasetOf } from '../../model/ids.ts';
import { statementId, type Statement } from '../../model/statement.ts';
import type { Store } from '../port.ts';

/** Raw, backend-specific access to the audit table, for tamper-detection tests only. */
export interface AuditTamper {
  /** Overwrites the stored `detail` JSON of record `seq` (dropping the append-only guard first). */
  editAuditDetail(seq: number, detail: string): Promise<void>;
  /** Deletes record `seq` (dropping the append-only guard first). */
  deleteAudit(seq: number): Promise<void>;
  /** Tries a raw UPDATE of record `seq` with the guard in place; must reject. */
  attemptUpdate(seq: number): Promise<void>;
  /** Tries a raw DELETE of record `seq` with the guard in place; must reject. */
  attemptDelete(seq: number): Promise<void>;
}

export interface StoreHarness {
  store: Store;
  cleanup: () => Promise<void>;
  tamper: AuditTamper;
}

// Fixture -------------------------------------------------------------------------------------
export const A = 'police-a';
export const B = 'police-b';
export const T0 = '2024-01-10T08:00:00.000Z';
export const T1 = '2024-02-15T08:00:00.000Z';
export const OP = 'op-montagna';
export const OP2 = 'op-aurora';
export const P1 = 'police-a.p1'; // Person, public
export const C1 = 'police-a.c1'; // Company, public
export const PAY1 = 'police-a.pay1'; // Payment P1 -> C1, public
export const S1 = 'police-a.s1'; // Person, entirely in compartment op-montagna
export const PAY2 = 'police-a.pay2'; // Payment P1 -> S1, entirely in op-montagna
export const P2 = 'police-a.p2'; // Person: public name, compartment phone, RED notes
export const S2 = 'police-a.s2'; // Person in another compartment, op-aurora
export const OWN1 = 'police-a.own1'; // Ownership: public owner P2, asset C1 only in op-montagna
export const X1 = 'police-b.x1'; // Person in the second dataset, same name as P1

/** Builds a statement with sensible provenance and its deterministic id. */
export function makeStatement(entityId: string, schema: string, prop: string, value: string, extra: Partial<Omit<Statement, 'id'>> = {}): Statement {
  const base: Omit<Statement, 'id'> = {
    entityId,
    schema,
    prop,
    value,
    original: '',
    dataset: datasetOf(entityId),
    source: 'case-17.csv',
    record: 'line 2',
    firstSeen: T0,
    lastSeen: T1,
    grading: 'B2',
    compartment: '',
    tlp: 'GREEN',
    handling: 'H0',
    handlingNote: '',
    importer: 'system',
    isRef: false,
    ...extra,
  };
  return { ...base, id: statementId(base) };
}
export const st = makeStatement;
export const inOp = { compartment: OP };

export function fixtureA(): Statement[] {
  return [
    st(P1, 'Person', 'id', P1),
    st(P1, 'Person', 'name', 'John Smith', { record: 'line 7' }),
    st(P1, 'LegalEntity', 'email', 'john.smith@example.org', { original: 'John.Smith@Example.org', source: 'emails.csv' }),
    st(P1, 'Person', 'birthDate', '1980-05-01', { handling: 'H1', grading: 'A1' }),
    st(C1, 'Company', 'name', 'Acme Trading Ltd'),
    st(C1, 'Company', 'registrationNumber', 'HRB 12345'),
    st(PAY1, 'Payment', 'payer', P1, { isRef: true }),
    st(PAY1, 'Payment', 'beneficiary', C1, { isRef: true }),
    st(PAY1, 'Payment', 'amount', '5000'),
    st(S1, 'Person', 'name', 'ROSSI, Mario', inOp),
    st(S1, 'Person', 'nationality', 'it', inOp),
    st(PAY2, 'Payment', 'payer', P1, { isRef: true, ...inOp }),
    st(PAY2, 'Payment', 'beneficiary', S1, { isRef: true, ...inOp }),
    st(P2, 'Person', 'name', 'Anna Bianchi'),
    st(P2, 'Person', 'phone', '+393331234567', inOp),
    st(P2, 'Person', 'notes', 'informant', { tlp: 'RED' }),
    st(S2, 'Person', 'name', 'Secret Other', { compartment: OP2 }),
    st(OWN1, 'Ownership', 'owner', P2, { isRef: true }),
    st(OWN1, 'Ownership', 'asset', C1, { isRef: true, ...inOp }),
  ];
}
export function fixtureB(): Statement[] {
  return [st(X1, 'Person', 'name', 'John Smith'), st(X1, 'Person', 'country', 'de')];
}

export const admin = systemContext();
// The fixture: 19 statements of 8 entities in police-a, 2 statements of 1 entity in police-b.
/** No compartments, ceiling AMBER: sees 13 of the 21 statements (6 entities). */
export const analyst = makeContext({ actor: 'alice', compartments: [], tlpCeiling: 'AMBER', roles: ['analyst'] });
/** In op-montagna, ceiling AMBER: sees 19 statements (8 entities): not the RED note, nothing of op-aurora. */
export const insider = makeContext({ actor: 'bob', compartments: [OP], tlpCeiling: 'AMBER', roles: ['analyst'] });
/** No compartments but cleared for RED: sees 14 statements (6 entities). */
export const redNoComp = makeContext({ actor: 'carol', compartments: [], tlpCeiling: 'RED', roles: ['analyst'] });

export async function seed(store: Store): Promise<void> {
  await store.upsertDataset(admin, { name: A, title: 'Police A' });
  await store.upsertDataset(admin, { name: B, title: 'Police B' });
  await store.writeBatch(admin, { dataset: A, statements: fixtureA() });
  await store.writeBatch(admin, { dataset: B, statements: fixtureB() });
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const code = (c: string) => ({ code: c });
