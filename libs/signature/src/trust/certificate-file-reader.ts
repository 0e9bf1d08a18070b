import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * DER blobs of one PEM label found in the regular files directly inside `dir` (not in
 * sub-folders: the intermediates folder usually sits inside the anchors folder). A file holds
 * either PEM text (one or several blocks) or a single DER blob; files with no block of the label
 * and no DER shape (READMEs) are skipped. Sorted by file name so loading is deterministic.
 */
export async function readDerBlobsFromDirectory(
  dir: string,
  pemLabels: readonly string[],
): Promise<Buffer[]> {
  const names = (await readdir(dir)).sort();
  const blobs: Buffer[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (!(await stat(path)).isFile()) continue;
    blobs.push(...derBlobsOf(await readFile(path), pemLabels));
  }
  return blobs;
}

export function derBlobsOf(content: Buffer, pemLabels: readonly string[]): Buffer[] {
  // DER of a certificate or CRL starts with a SEQUENCE and a long-form length.
  if (content[0] === 0x30 && (content[1] & 0x80) !== 0) return [content];
  const text = content.toString('latin1');
  return [...text.matchAll(PEM_BLOCK)]
    .filter((match) => pemLabels.includes(match[1]))
    .map((match) => Buffer.from(match[2].replace(/\s+/g, ''), 'base64'));
}
