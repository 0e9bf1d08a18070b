import { PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import {
  CrossReferenceReader,
  type CrossReferenceEntry,
  type CrossReferenceSection,
} from './cross-reference-reader';
import type { SignatureContentsMasks } from './contents-masking';
import { coverageDetail, type CoverageDetail } from '@docaxis/signature/report/coverage-detail';
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
export function crossReferenceConflicts(input: CrossReferenceCheckInput): CoverageDetail[] {
  const { bytes, masks, signedLength, revisionEnds, signed, final } = input;
  const reader = new CrossReferenceReader(bytes, masks);
  const problems: CoverageDetail[] = [];
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
        problems.push(coverageDetail('XREF_NO_STARTXREF', { revisionEnd: end }));
        continue;
      }
      if (seenOffsets.has(offset)) continue; // a %%EOF inside stream data, not a revision
      seenOffsets.add(offset);
      if (offset < signedLength) {
        problems.push(coverageDetail('XREF_INSIDE_SIGNED_BYTES', { revisionEnd: end, offset }));
        continue;
      }
      const section = reader.readSection(offset);
      if (expectedPrev !== undefined && section.prev !== expectedPrev) {
        problems.push(
          coverageDetail('XREF_PREV_MISMATCH', {
            offset,
            prev: section.prev ?? null,
            expected: expectedPrev,
          }),
        );
      }
      expectedPrev = offset;
      if (section.xrefStream !== undefined) sections.push(reader.readSection(section.xrefStream));
      sections.push(section);
    }
  } catch (error) {
    problems.push(coverageDetail('XREF_SECTION_UNREADABLE', { detail: errorText(error) }));
    return problems;
  }
  if (sections.length === 0) return problems;

  const last = sections[sections.length - 1];
  if (last.root && !pdfObjectsEqual(last.root, final.trailerInfo.Root)) {
    problems.push(coverageDetail('XREF_OTHER_CATALOG', {}));
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
        coverageDetail('XREF_ENTRY_UNFOLLOWABLE', { object: number, detail: errorText(error) }),
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
): CoverageDetail | undefined {
  if (entry.type === 0) {
    return signedNumbers.has(number)
      ? coverageDetail('XREF_SIGNED_OBJECT_FREED', { object: number })
      : undefined;
  }
  if (entry.type === 1) {
    const object = reader.readObjectAt(entry.offset, { number, generation: entry.generation });
    if (isStructuralStream(object)) return undefined; // object and xref streams are not in the graph
    const sequential = final.lookup(PDFRef.of(number, entry.generation));
    return pdfObjectsEqual(object, sequential)
      ? undefined
      : coverageDetail('XREF_OTHER_DEFINITION', { object: number });
  }
  const container = effective.get(entry.objectStream);
  const ref = PDFRef.of(number, 0);
  if (container?.type === 1) {
    const object = reader.readFromObjectStream(container.offset, number, entry.index);
    return pdfObjectsEqual(object, final.lookup(ref))
      ? undefined
      : coverageDetail('XREF_OBJECT_STREAM_OTHER_DEFINITION', { object: number });
  }
  // Placed in an object stream of the signed part: fine only if the object did not change.
  return pdfObjectsEqual(signed.lookup(ref), final.lookup(ref))
    ? undefined
    : coverageDetail('XREF_CHANGED_IN_SIGNED_OBJECT_STREAM', {
        object: number,
        objectStream: entry.objectStream,
      });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isStructuralStream(object: PDFObject): boolean {
  if (!(object instanceof PDFRawStream)) return false;
  const type = object.dict.get(pdfName('Type'));
  return type === pdfName('XRef') || type === pdfName('ObjStm');
}
