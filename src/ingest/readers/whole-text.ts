/**
 * Reading a whole document as text, for the formats that are one document (a Bitcoin block, a TagPack):
 * a size limit checked while reading, strict UTF-8 unless another encoding is given, the BOM dropped.
 */

/** The most a whole-document reader holds in memory. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * The input as text, or why it cannot be read (too large, not UTF-8).
 * @example const got = await readWholeText(stream, undefined); if ('text' in got) JSON.parse(got.text);
 */
export async function readWholeText(
  input: AsyncIterable<Buffer>,
  encoding: BufferEncoding | undefined,
  maxBytes = MAX_DOCUMENT_BYTES,
): Promise<{ text: string } | { reason: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    if (total > maxBytes) return { reason: `the file is larger than ${maxBytes} bytes, the most this format is read whole; split it` };
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks, total);
  if (encoding && !/^utf-?8$/i.test(encoding)) return { text: bytes.toString(encoding).replace(/^\uFEFF/, '') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { reason: 'the file is not valid UTF-8; if it is in another encoding, import it with --encoding (e.g. --encoding latin1)' };
  }
}

/** The line (1-based) of a character offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) line++;
  }
  return line;
}
