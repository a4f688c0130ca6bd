/** Generates the ingest benchmark's inputs: a people CSV with its mapping, and a large FtM JSON-lines file. */
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { rng } from './lib.ts';

const FIRST = ['Anna', 'Marco', 'Olena', 'Pieter', 'Ioana', 'Youssef', 'Sara', 'Lukas', 'Giulia', 'Andrei', 'Fatima', 'Jan', 'Elena', 'Mehmet', 'Sofia', 'Tomasz'];
const LAST = ['Rossi', 'de Vries', 'Popescu', 'Kovalenko', 'Müller', 'Haddad', 'Jansen', 'Nowak', 'Bianchi', 'Ionescu', 'Schmidt', 'El Amrani', 'Visser', 'Shevchenko', 'Yilmaz', 'Weber'];
const COUNTRIES = ['nl', 'de', 'it', 'ro', 'ua', 'pl', 'be', 'fr'];

async function writeLines(path: string, n: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** A CSV of `rows` people: 7 mapped values a row → 8 statements with the id statement. */
export async function peopleCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path) && statSync(path).size > 0) return;
  const r = rng(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  await writeLines(path, rows + 1, (i) => {
    if (i === 0) return 'person_id,first_name,last_name,birth_date,phone,email,country\n';
    const f = pick(FIRST);
    const l = pick(LAST);
    const y = 1940 + Math.floor(r() * 65);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const phone = `+31 6 ${String(10000000 + Math.floor(r() * 89999999))}`;
    return `P${i},${f},${l},${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')},${phone},${f.toLowerCase()}.${i}@example.org,${pick(COUNTRIES)}\n`;
  });
}

export function peopleMapping(path: string): void {
  writeFileSync(
    path,
    `queries:
  - entities:
      person:
        schema: Person
        keys: [person_id]
        properties:
          name: { columns: [first_name, last_name], join: ' ' }
          firstName: { column: first_name }
          lastName: { column: last_name }
          birthDate: { column: birth_date }
          phone: { column: phone }
          email: { column: email }
          country: { column: country }
`,
  );
}

/** An FtM JSON-lines file of about `bytes` bytes: people with long notes, so it is big but not statement-heavy. */
export async function bigFtm(path: string, bytes: number): Promise<number> {
  const lineBytes = 2200;
  const n = Math.ceil(bytes / lineBytes);
  if (existsSync(path) && statSync(path).size >= bytes * 0.95) return n;
  const r = rng(7);
  const filler = 'lorem ipsum dolor sit amet consectetur adipiscing elit '.repeat(40).slice(0, 2000);
  await writeLines(path, n, (i) => `${JSON.stringify({ id: `n${i}`, schema: 'Person', properties: { name: [`${FIRST[i % 16]} ${LAST[Math.floor(r() * 16)]}`], notes: [`${i} ${filler}`] } })}\n`);
  return n;
}
