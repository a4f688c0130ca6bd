/** An FtM output file of one dataset that also tells the truth collector which world object each entity describes. */
import type { WAccount, WAddress } from '../world.ts';
import { outPath, type SourceContext } from './context.ts';
import { addressLine } from './dirt.ts';
import { FtmWriter, type PropValue } from './writer.ts';

export class FtmOut {
  private readonly writer: FtmWriter;

  constructor(
    private readonly ctx: SourceContext,
    readonly dataset: string,
    readonly file: string,
  ) {
    this.writer = new FtmWriter(outPath(ctx, file));
  }

  /** Writes an entity; when it describes a world object (`worldKey`), records that in the truth. */
  put(worldKey: string | undefined, id: string, schema: string, props: Record<string, PropValue | readonly PropValue[]>): string {
    this.writer.entity(id, schema, props);
    if (worldKey) this.ctx.truth.add(worldKey, { dataset: this.dataset, file: this.file, id });
    return id;
  }

  /** Records that an entity written here also describes another world object (e.g. a payment a flow passes through). */
  note(worldKey: string, id: string): void {
    this.ctx.truth.add(worldKey, { dataset: this.dataset, file: this.file, id });
  }

  address(id: string, a: WAddress): string {
    return this.put(undefined, id, 'Address', {
      full: `${addressLine(a)}, ${a.country.toUpperCase()}`,
      street: a.street,
      postalCode: a.postcode,
      city: a.city,
      country: a.country,
    });
  }

  /** A bank account (IBAN optionally in the grouped print form) owned by `ownerId`, with the Ownership. */
  account(id: string, acc: WAccount, ownerId: string | undefined, opts: { grouped?: boolean; role?: string } = {}): string {
    const iban = opts.grouped ? acc.iban.replace(/(.{4})/g, '$1 ').trim() : acc.iban;
    this.put(acc.key, id, 'BankAccount', { iban, bic: acc.bic, bankName: acc.bankName, country: acc.country });
    if (ownerId) this.put(undefined, `${id}-OWN`, 'Ownership', { owner: ownerId, asset: id, role: opts.role ?? 'account holder' });
    return id;
  }

  get counts(): ReadonlyMap<string, number> {
    return this.writer.counts;
  }

  /** Closes the file and returns the number of lines written. */
  close(): number {
    this.writer.close();
    return this.writer.lines;
  }
}
