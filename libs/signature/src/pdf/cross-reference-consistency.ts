import { PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import {
  CrossReferenceReader,
  type CrossReferenceEntry,
  type CrossReferenceSection,
} from './cross-reference-reader';
import type { SignatureContentsMasks } from './contents-masking';
import { pdfObjectsEqual } from './pdf-object-equality';
import { pdfName } from './pdf-names';

export interface CrossReferenceCheckInput {
  /** The file. */
  bytes: Buffer;
  /** The /Contents masks the graphs were parsed with; none by default. */
  masks?: SignatureContentsMasks;
  /** End of the signed revision (c + d). */
  signedLength: number;
  revisionEnds: readonly number[];
  signed: PDFContext;
  final: PDFContext;
}

/**
 * The modification analysis compares pdf-lib's sequential parse (a later definition of an object
 * replaces an earlier one). A viewer follows the cross-reference sections instead, so a crafted
 * update could make the two disagree ("shadow" attacks): point an object at a hidden definition
 * inside the signed bytes, define it twice, free it, or chain /Prev to another section. This
 * reads the sections the later revisions added and returns every disagreement; any is
 * disallowed, since what a reader shows could differ from what was compared.
 */
export function crossReferenceConflicts(input: CrossReferenceCheckInput): string[] {
  const { bytes, masks, signedLength, revisionEnds, signed, final } = input;
  const reader = new CrossReferenceReader(bytes, masks);
  const problems: string[] = [];
  const sections: CrossReferenceSection[] = [];
  let expectedPrev = reader.startxrefBefore(signedLength);
  // The signed revision's own section is not a later one, even when the end-of-line after its
  // %%EOF was written by the next update and so lies after the signed bytes.
  const seenOffsets = new Set<number>(expectedPrev === undefined ? [] : [expectedPrev]);
  try {
    for (const end of revisionEnds) {
      if (end <= signedLength) continue;
      const offset = reader.startxrefBefore(end);
      if (offset === undefined) {
        problems.push(`the revision ending at ${end} has no startxref`);
        continue;
      }
      if (seenOffsets.has(offset)) continue; // a %%EOF inside stream data, not a revision
      seenOffsets.add(offset);
      if (offset < signedLength) {
        problems.push(
          `the revision ending at ${end} points its cross-reference at offset ${offset}, inside the signed bytes`,
        );
        continue;
      }
      const section = reader.readSection(offset);
      if (expectedPrev !== undefined && section.prev !== expectedPrev) {
        problems.push(
          `the cross-reference section at ${offset} continues ${section.prev ?? 'nothing'}, not the previous section at ${expectedPrev}`,
        );
      }
      expectedPrev = offset;
      if (section.xrefStream !== undefined) sections.push(reader.readSection(section.xrefStream));
      sections.push(section);
    }
  } catch (error) {
    problems.push(
      `a later cross-reference section is unreadable: ${error instanceof Error ? error.message : String(error)}`,
    );
    return problems;
  }
  if (sections.length === 0) return problems;

  const last = sections[sections.length - 1];
  if (last.root && !pdfObjectsEqual(last.root, final.trailerInfo.Root)) {
    problems.push('the last trailer names another document catalog than the one compared');
  }
  const effective = new Map<number, CrossReferenceEntry>();
  for (const section of sections)
    for (const [number, entry] of section.entries) effective.set(number, entry);
  const signedNumbers = new Set(signed.enumerateIndirectObjects().map(([ref]) => ref.objectNumber));

  for (const [number, entry] of effective) {
    if (number === 0) continue;
    try {
      const problem = checkEntry(reader, number, entry, effective, signed, final, signedNumbers);
      if (problem) problems.push(problem);
    } catch (error) {
      problems.push(
        `object ${number}: its cross-reference entry cannot be followed (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  return problems;
}

function checkEntry(
  reader: CrossReferenceReader,
  number: number,
  entry: CrossReferenceEntry,
  effective: ReadonlyMap<number, CrossReferenceEntry>,
  signed: PDFContext,
  final: PDFContext,
  signedNumbers: ReadonlySet<number>,
): string | undefined {
  if (entry.type === 0) {
    return signedNumbers.has(number)
      ? `object ${number} existed when signing and is marked free by a later revision`
      : undefined;
  }
  if (entry.type === 1) {
    const object = reader.readObjectAt(entry.offset, { number, generation: entry.generation });
    if (isStructuralStream(object)) return undefined; // object and xref streams are not in the graph
    const sequential = final.lookup(PDFRef.of(number, entry.generation));
    return pdfObjectsEqual(object, sequential)
      ? undefined
      : `object ${number}: the cross-reference table points at a definition other than the one compared`;
  }
  const container = effective.get(entry.objectStream);
  const ref = PDFRef.of(number, 0);
  if (container?.type === 1) {
    const object = reader.readFromObjectStream(container.offset, number, entry.index);
    return pdfObjectsEqual(object, final.lookup(ref))
      ? undefined
      : `object ${number}: its object stream holds a definition other than the one compared`;
  }
  // Placed in an object stream of the signed part: fine only if the object did not change.
  return pdfObjectsEqual(signed.lookup(ref), final.lookup(ref))
    ? undefined
    : `object ${number} changed, but the cross-reference table still places it in the signed revision's object stream ${entry.objectStream}`;
}

function isStructuralStream(object: PDFObject): boolean {
  if (!(object instanceof PDFRawStream)) return false;
  const type = object.dict.get(pdfName('Type'));
  return type === pdfName('XRef') || type === pdfName('ObjStm');
}
