import {
  wordCoverageDetail,
  type CoverageDetail,
  type CoverageDetailWording,
} from '../coverage-detail';

/** The English of each coverage line: the report's `coverage.details`, as they always read. */
export const COVERAGE_DETAIL_EN: CoverageDetailWording = {
  SIGNS_REVISION: (p) =>
    `signs revision ${p.revision} of ${p.revisions} (bytes 0–${p.signedLength} of ${p.fileLength})`,
  SIGNED_RANGE_NOT_AT_REVISION_END: (p) =>
    `signed bytes end at ${p.signedLength}, not at the end of a revision`,
  SIGNED_REVISION_UNREADABLE: (p) =>
    `the signed revision cannot be read for comparison: ${p.detail}`,
  OBJECT_REMOVED: (p) => `object ${p.object} was removed`,
  OBJECT_MALFORMED: (p) => `object ${p.object} written after signing is malformed`,
  OBJECT_CHANGED: (p) => `object ${p.object} (${p.kind}) changed`,
  OBJECTS_ADDED: (p) => `${p.count} object(s) added`,
  DOCMDP_NO_CHANGES: () =>
    'the signature certifies the document with DocMDP P=1: no change at all is permitted',
  DOCMDP_NO_ANNOTATIONS: () =>
    'the signature certifies the document with DocMDP P=2: annotations may not be added',
  CATALOG_MISSING: () => 'the document catalog is missing',
  CATALOG_ENTRY_UPDATED: (p) => `document catalog /${p.key} updated`,
  CATALOG_ENTRY_CHANGED: (p) => `document catalog /${p.key} changed`,
  DSS_ADDED_OR_UPDATED: () => 'validation data (DSS) added or updated',
  VALIDATION_DATA_UPDATED: (p) => `validation data (${p.label}) updated`,
  XMP_METADATA_REPLACED: () => 'XMP metadata replaced',
  XMP_METADATA_UPDATED: () => 'XMP metadata updated',
  INFO_DICTIONARY_UPDATED: () => 'document information dictionary updated',
  INFO_DICTIONARY_REPLACED: () => 'document information dictionary replaced',
  ACROFORM_REMOVED: () => 'the interactive form (AcroForm) was removed',
  ACROFORM_ENTRY_CHANGED: (p) => `AcroForm /${p.key} changed`,
  FORM_FIELDS_REMOVED: () => 'form fields present when signing were removed',
  FORM_FIELD_ADDED_NOT_A_DICTIONARY: () =>
    'a form field added after signing is not a dictionary (missing or malformed)',
  SIGNATURE_FIELD_ADDED: (p) => `signature field "${p.name}" added`,
  FORM_FIELD_ADDED: (p) => `form field "${p.name}" added`,
  FORM_FIELD_ENTRY_CHANGED: (p) => `form field "${p.name}": /${p.key} changed`,
  EMPTY_SIGNATURE_FIELD_SIGNED: (p) => `empty signature field "${p.name}" signed`,
  PAGE_TREE_CHANGED: (p) =>
    `the page tree changed (${p.pagesWhenSigned} page(s) when signed, ${p.pagesNow} now)`,
  PAGE_ENTRY_CHANGED: (p) => `page ${p.page}: /${p.key} changed`,
  ANNOTATIONS_REMOVED: (p) => `page ${p.page}: annotations present when signing were removed`,
  ANNOTATION_ADDED_NOT_A_DICTIONARY: (p) =>
    `page ${p.page}: an annotation added after signing is not a dictionary (missing or malformed)`,
  SIGNATURE_WIDGET_ADDED: (p) => `page ${p.page}: signature widget added`,
  ANNOTATION_ADDED: (p) => `page ${p.page}: /${p.subtype} annotation added`,
  XREF_NO_STARTXREF: (p) => `the revision ending at ${p.revisionEnd} has no startxref`,
  XREF_INSIDE_SIGNED_BYTES: (p) =>
    `the revision ending at ${p.revisionEnd} points its cross-reference at offset ${p.offset}, inside the signed bytes`,
  XREF_PREV_MISMATCH: (p) =>
    `the cross-reference section at ${p.offset} continues ${p.prev ?? 'nothing'}, not the previous section at ${p.expected}`,
  XREF_SECTION_UNREADABLE: (p) => `a later cross-reference section is unreadable: ${p.detail}`,
  XREF_OTHER_CATALOG: () => 'the last trailer names another document catalog than the one compared',
  XREF_ENTRY_UNFOLLOWABLE: (p) =>
    `object ${p.object}: its cross-reference entry cannot be followed (${p.detail})`,
  XREF_SIGNED_OBJECT_FREED: (p) =>
    `object ${p.object} existed when signing and is marked free by a later revision`,
  XREF_OTHER_DEFINITION: (p) =>
    `object ${p.object}: the cross-reference table points at a definition other than the one compared`,
  XREF_OBJECT_STREAM_OTHER_DEFINITION: (p) =>
    `object ${p.object}: its object stream holds a definition other than the one compared`,
  XREF_CHANGED_IN_SIGNED_OBJECT_STREAM: (p) =>
    `object ${p.object} changed, but the cross-reference table still places it in the signed revision's object stream ${p.objectStream}`,
};

export function coverageDetailEn(detail: CoverageDetail): string {
  return wordCoverageDetail(detail, COVERAGE_DETAIL_EN);
}
