import {
  PDFArray,
  PDFDict,
  PDFInvalidObject,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import type { ModificationsAfterSigning } from '@docaxis/signature/report/document-verification-report';
import {
  coverageDetail,
  type CoverageDetail,
  type CoverageDetailCode,
  type CoverageDetailParams,
} from '@docaxis/signature/report/coverage-detail';
import { coverageDetailEn } from '@docaxis/signature/report/wording/coverage-detail.en';
import { arrayOf, catalogOf, dictOf, nameOf, textOf } from './pdf-object-access';
import { pdfObjectsEqual } from './pdf-object-equality';
import { pdfName, pdfNameText } from './pdf-names';

export interface ModificationAnalysis {
  readonly status: ModificationsAfterSigning;
  /** Human-readable findings, disallowed ones first. */
  readonly details: readonly string[];
  /** The changes that make the status 'disallowed'. */
  readonly disallowed: readonly string[];
  /** `details` as data, in the same order. */
  readonly explanations: readonly CoverageDetail[];
}

/** DocMDP permission of a certification signature (ISO 32000-1 §12.8.2.2): 1 none, 2 forms, 3 + annotations. */
export type DocMdpPermission = 1 | 2 | 3;

const CATALOG_KEYS_ALLOWED_TO_CHANGE: ReadonlySet<string> = new Set([
  'AcroForm',
  'DSS',
  'Metadata',
]);
const ACROFORM_KEYS_ALLOWED_TO_CHANGE: ReadonlySet<string> = new Set([
  'Fields',
  'SigFlags',
  'DR',
  'DA',
]);
/** What signing a previously empty signature field may set on it (or on its widget). */
const SIGNING_KEYS: ReadonlySet<string> = new Set(['V', 'AP', 'AS', 'F', 'Lock', 'SV', 'M']);
const MAX_PAGES = 100_000;

/**
 * What the revisions after a signature changed, comparing the object graph of the signed
 * revision with the final one. Allowed: new signature fields and annotations (their widgets on
 * pages' /Annots, the AcroForm's /Fields, /SigFlags, /DR), DSS data, the Info dictionary and XMP
 * metadata, and filling a signature field that was empty when this signature was made.
 * Everything else — page content streams, resources, the page tree, existing annotations and
 * fields, any other object — is disallowed. Added objects are harmless unless something
 * reachable changed to point at them, which the rules above judge.
 */
export function analyzeModifications(
  signed: PDFContext,
  final: PDFContext,
  docMdp?: DocMdpPermission,
): ModificationAnalysis {
  const changed = new Set<PDFRef>();
  let added = 0;
  const malformed: PDFRef[] = [];
  for (const [ref, object] of final.enumerateIndirectObjects()) {
    const before = signed.lookup(ref);
    if (before === undefined) added += 1;
    else if (!pdfObjectsEqual(before, object)) changed.add(ref);
    else continue;
    if (object instanceof PDFInvalidObject) malformed.push(ref);
  }
  const removed = signed
    .enumerateIndirectObjects()
    .filter(([ref]) => final.lookup(ref) === undefined);
  const trailerChanged =
    !pdfObjectsEqual(signed.trailerInfo.Root, final.trailerInfo.Root) ||
    !pdfObjectsEqual(signed.trailerInfo.Info, final.trailerInfo.Info);
  if (changed.size === 0 && added === 0 && removed.length === 0 && !trailerChanged) {
    return { status: 'none', details: [], disallowed: [], explanations: [] };
  }

  const review = new Review(signed, final, changed);
  for (const [ref] of removed) review.disallow('OBJECT_REMOVED', { object: refText(ref) });
  for (const ref of malformed) {
    review.disallow('OBJECT_MALFORMED', { object: refText(ref) });
  }
  review.compareCatalogs();
  review.comparePages();
  review.compareExistingFields();
  review.acceptReachable(dictOf(final, catalogOf(final)?.get(pdfName('DSS'))), 'DSS');
  review.acceptInfoAndMetadata();
  for (const ref of changed) {
    if (!review.explained.has(ref))
      review.disallow('OBJECT_CHANGED', {
        object: refText(ref),
        kind: describe(final.lookup(ref)),
      });
  }
  if (added > 0) review.allow('OBJECTS_ADDED', { count: added });

  if (docMdp === 1) review.disallow('DOCMDP_NO_CHANGES', {});
  if (docMdp === 2 && review.addedAnnotations > 0) {
    review.disallow('DOCMDP_NO_ANNOTATIONS', {});
  }
  const status: ModificationsAfterSigning = review.disallowed.length > 0 ? 'disallowed' : 'allowed';
  const explanations = [...review.disallowed, ...review.allowed];
  return {
    status,
    details: explanations.map(coverageDetailEn),
    disallowed: review.disallowed.map(coverageDetailEn),
    explanations,
  };
}

class Review {
  readonly explained = new Set<PDFRef>();
  readonly disallowed: CoverageDetail[] = [];
  readonly allowed: CoverageDetail[] = [];
  addedAnnotations = 0;

  constructor(
    private readonly signed: PDFContext,
    private readonly final: PDFContext,
    private readonly changed: ReadonlySet<PDFRef>,
  ) {}

  disallow<C extends CoverageDetailCode>(code: C, params: CoverageDetailParams[C]): void {
    this.disallowed.push(coverageDetail(code, params));
  }

  allow<C extends CoverageDetailCode>(code: C, params: CoverageDetailParams[C]): void {
    const detail = coverageDetail(code, params);
    const text = coverageDetailEn(detail);
    if (!this.allowed.some((other) => coverageDetailEn(other) === text)) this.allowed.push(detail);
  }

  /** Marks an indirect value as reviewed when it changed in place. */
  private explain(value: PDFObject | undefined): void {
    if (value instanceof PDFRef && this.changed.has(value)) this.explained.add(value);
  }

  compareCatalogs(): void {
    const before = catalogOf(this.signed);
    const after = catalogOf(this.final);
    if (!before || !after) {
      this.disallow('CATALOG_MISSING', {});
      return;
    }
    this.explain(this.final.trailerInfo.Root);
    for (const key of keysOf(before, after)) {
      const old = before.get(pdfName(key));
      const now = after.get(pdfName(key));
      if (key === 'AcroForm') {
        this.compareAcroForms(old, now);
      } else if (pdfObjectsEqual(old, now)) {
        continue;
      } else if (key === 'DSS') {
        this.allow('DSS_ADDED_OR_UPDATED', {});
      } else if (key === 'Metadata') {
        this.allow('XMP_METADATA_REPLACED', {});
      } else if (key === 'Extensions' || key === 'Version') {
        // Declarations of the PDF version and developer extensions (ISO 32000-1 §7.12): PAdES
        // signers add ESIC/ADBE levels with DSS data. They change what a reader supports, not
        // what the document shows.
        this.allow('CATALOG_ENTRY_UPDATED', { key });
        this.explain(now);
      } else if (!CATALOG_KEYS_ALLOWED_TO_CHANGE.has(key)) {
        this.disallow('CATALOG_ENTRY_CHANGED', { key });
      }
    }
  }

  private compareAcroForms(oldValue: PDFObject | undefined, newValue: PDFObject | undefined): void {
    const before = dictOf(this.signed, oldValue);
    const after = dictOf(this.final, newValue);
    if (!after) {
      if (before) this.disallow('ACROFORM_REMOVED', {});
      return;
    }
    this.explain(newValue);
    const empty = PDFDict.withContext(this.signed);
    for (const key of keysOf(before ?? empty, after)) {
      const old = (before ?? empty).get(pdfName(key));
      const now = after.get(pdfName(key));
      if (pdfObjectsEqual(old, now) && !(now instanceof PDFRef && this.changed.has(now))) continue;
      if (!ACROFORM_KEYS_ALLOWED_TO_CHANGE.has(key)) {
        this.disallow('ACROFORM_ENTRY_CHANGED', { key });
      } else if (key === 'Fields') {
        this.compareFieldLists(old, now);
      } else {
        this.explain(now);
      }
    }
  }

  private compareFieldLists(
    oldValue: PDFObject | undefined,
    newValue: PDFObject | undefined,
  ): void {
    const before = arrayOf(this.signed, oldValue)?.asArray() ?? [];
    const after = arrayOf(this.final, newValue)?.asArray() ?? [];
    this.explain(newValue);
    if (!before.every((field) => after.some((candidate) => pdfObjectsEqual(field, candidate)))) {
      this.disallow('FORM_FIELDS_REMOVED', {});
    }
    for (const field of after) {
      if (before.some((candidate) => pdfObjectsEqual(field, candidate))) continue;
      const dict = dictOf(this.final, field);
      if (!dict) {
        this.disallow('FORM_FIELD_ADDED_NOT_A_DICTIONARY', {});
        continue;
      }
      const name = textOf(this.final, dict.get(pdfName('T'))) ?? '?';
      const isSignature = nameOf(this.final, dict.get(pdfName('FT'))) === 'Sig';
      this.allow(isSignature ? 'SIGNATURE_FIELD_ADDED' : 'FORM_FIELD_ADDED', { name });
    }
  }

  comparePages(): void {
    const before = pagesOf(this.signed);
    const after = pagesOf(this.final);
    const sameTree =
      before.length === after.length &&
      before.every((page, index) => page.ref === after[index].ref);
    if (!sameTree) {
      this.disallow('PAGE_TREE_CHANGED', {
        pagesWhenSigned: before.length,
        pagesNow: after.length,
      });
      return;
    }
    after.forEach((page, index) => {
      const old = before[index].dict;
      if (!this.changed.has(page.ref)) {
        this.compareAnnotations(
          old.get(pdfName('Annots')),
          page.dict.get(pdfName('Annots')),
          index,
        );
        return;
      }
      this.explained.add(page.ref);
      for (const key of keysOf(old, page.dict)) {
        const oldValue = old.get(pdfName(key));
        const newValue = page.dict.get(pdfName(key));
        if (key === 'Annots') this.compareAnnotations(oldValue, newValue, index);
        else if (!pdfObjectsEqual(oldValue, newValue))
          this.disallow('PAGE_ENTRY_CHANGED', { page: index + 1, key });
      }
    });
  }

  private compareAnnotations(
    oldValue: PDFObject | undefined,
    newValue: PDFObject | undefined,
    pageIndex: number,
  ): void {
    if (
      pdfObjectsEqual(oldValue, newValue) &&
      !(newValue instanceof PDFRef && this.changed.has(newValue))
    )
      return;
    this.explain(newValue);
    const before = arrayOf(this.signed, oldValue)?.asArray() ?? [];
    const after = arrayOf(this.final, newValue)?.asArray() ?? [];
    if (
      !before.every((annotation) =>
        after.some((candidate) => pdfObjectsEqual(annotation, candidate)),
      )
    ) {
      this.disallow('ANNOTATIONS_REMOVED', { page: pageIndex + 1 });
    }
    for (const annotation of after) {
      if (before.some((candidate) => pdfObjectsEqual(annotation, candidate))) continue;
      const dict = dictOf(this.final, annotation);
      if (!dict) {
        this.disallow('ANNOTATION_ADDED_NOT_A_DICTIONARY', { page: pageIndex + 1 });
        continue;
      }
      const subtype = nameOf(this.final, dict.get(pdfName('Subtype'))) ?? '?';
      const isSignatureWidget = subtype === 'Widget' && this.fieldTypeOf(dict) === 'Sig';
      if (!isSignatureWidget) this.addedAnnotations += 1;
      if (isSignatureWidget) this.allow('SIGNATURE_WIDGET_ADDED', { page: pageIndex + 1 });
      else this.allow('ANNOTATION_ADDED', { page: pageIndex + 1, subtype });
    }
  }

  /** Fields (and widgets) that existed when signing and changed since. */
  compareExistingFields(): void {
    const catalog = catalogOf(this.signed);
    const acroForm = catalog ? dictOf(this.signed, catalog.get(pdfName('AcroForm'))) : undefined;
    const roots = acroForm
      ? arrayOf(this.signed, acroForm.get(pdfName('Fields')))?.asArray()
      : undefined;
    const visited = new Set<PDFRef>();
    const walk = (node: PDFObject, parentIsEmptySignature: boolean, depth: number): void => {
      if (!(node instanceof PDFRef) || visited.has(node) || depth > 32) return;
      visited.add(node);
      const old = dictOf(this.signed, node);
      if (!old) return;
      const emptySignature =
        parentIsEmptySignature || (this.fieldTypeOf(old) === 'Sig' && !old.has(pdfName('V')));
      if (this.changed.has(node)) this.compareField(node, old, emptySignature);
      for (const kid of arrayOf(this.signed, old.get(pdfName('Kids')))?.asArray() ?? []) {
        walk(kid, emptySignature, depth + 1);
      }
    };
    for (const root of roots ?? []) walk(root, false, 0);
  }

  private compareField(ref: PDFRef, old: PDFDict, emptySignatureField: boolean): void {
    const now = dictOf(this.final, ref);
    if (!now) return;
    const name = textOf(this.signed, old.get(pdfName('T'))) ?? refText(ref);
    let problem = false;
    for (const key of keysOf(old, now)) {
      const oldValue = old.get(pdfName(key));
      const newValue = now.get(pdfName(key));
      if (pdfObjectsEqual(oldValue, newValue)) continue;
      if (key === 'Kids') {
        const before = arrayOf(this.signed, oldValue)?.asArray() ?? [];
        const after = arrayOf(this.final, newValue)?.asArray() ?? [];
        if (before.every((kid) => after.some((candidate) => pdfObjectsEqual(kid, candidate))))
          continue;
      } else if (emptySignatureField && SIGNING_KEYS.has(key)) {
        continue;
      }
      problem = true;
      this.disallow('FORM_FIELD_ENTRY_CHANGED', { name, key });
    }
    this.explained.add(ref);
    if (!problem && emptySignatureField) this.allow('EMPTY_SIGNATURE_FIELD_SIGNED', { name });
  }

  /** Every indirect object reachable from `root` that changed is accepted under `label`. */
  acceptReachable(root: PDFObject | undefined, label: string): void {
    if (!root) return;
    const stack: PDFObject[] = [root];
    const seen = new Set<PDFObject>();
    let budget = 100_000;
    while (stack.length > 0 && budget > 0) {
      budget -= 1;
      const object = stack.pop() as PDFObject;
      if (seen.has(object)) continue;
      seen.add(object);
      if (object instanceof PDFRef) {
        if (this.changed.has(object)) {
          this.explained.add(object);
          this.allow('VALIDATION_DATA_UPDATED', { label });
        }
        const target = this.final.lookup(object);
        if (target) stack.push(target);
      } else if (object instanceof PDFDict) {
        for (const [, value] of object.entries()) stack.push(value);
      } else if (object instanceof PDFArray) {
        stack.push(...object.asArray());
      } else if (object instanceof PDFRawStream) {
        stack.push(object.dict);
      }
    }
  }

  acceptInfoAndMetadata(): void {
    const info = this.final.trailerInfo.Info;
    if (info instanceof PDFRef && this.changed.has(info)) {
      this.explained.add(info);
      this.allow('INFO_DICTIONARY_UPDATED', {});
    } else if (!pdfObjectsEqual(this.signed.trailerInfo.Info, info)) {
      this.allow('INFO_DICTIONARY_REPLACED', {});
    }
    const metadata = catalogOf(this.final)?.get(pdfName('Metadata'));
    if (metadata instanceof PDFRef && this.changed.has(metadata)) {
      this.explained.add(metadata);
      this.allow('XMP_METADATA_UPDATED', {});
    }
  }

  /** /FT of a field or widget, inherited through /Parent (bounded). */
  fieldTypeOf(dict: PDFDict): string | undefined {
    let current: PDFDict | undefined = dict;
    for (let depth = 0; current && depth < 32; depth += 1) {
      const type = nameOf(this.final, current.get(pdfName('FT')));
      if (type) return type;
      current = dictOf(this.final, current.get(pdfName('Parent')));
    }
    return undefined;
  }
}

interface PageEntry {
  readonly ref: PDFRef;
  readonly dict: PDFDict;
}

/** Leaf pages in order, walking /Kids from the catalog's /Pages (cycle-safe, bounded). */
function pagesOf(context: PDFContext): PageEntry[] {
  const pages: PageEntry[] = [];
  const root = catalogOf(context)?.get(pdfName('Pages'));
  const visited = new Set<PDFRef>();
  const walk = (node: PDFObject | undefined, depth: number): void => {
    if (!(node instanceof PDFRef) || visited.has(node) || depth > 64 || pages.length > MAX_PAGES)
      return;
    visited.add(node);
    const dict = dictOf(context, node);
    if (!dict) return;
    if (nameOf(context, dict.get(pdfName('Type'))) === 'Page') {
      pages.push({ ref: node, dict });
      return;
    }
    for (const kid of arrayOf(context, dict.get(pdfName('Kids')))?.asArray() ?? [])
      walk(kid, depth + 1);
  };
  walk(root, 0);
  return pages;
}

function keysOf(...dicts: PDFDict[]): string[] {
  const keys = new Set<string>();
  for (const dict of dicts) for (const key of dict.keys()) keys.add(pdfNameText(key));
  return [...keys];
}

function refText(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber} R`;
}

function describe(object: PDFObject | undefined): string {
  const dict = object instanceof PDFRawStream ? object.dict : object;
  if (dict instanceof PDFDict) {
    const type = dict.get(pdfName('Type'));
    const subtype = dict.get(pdfName('Subtype'));
    const names = [type, subtype]
      .filter((n): n is PDFName => n instanceof PDFName)
      .map((n) => `/${n.decodeText()}`);
    const kind = object instanceof PDFRawStream ? 'stream' : 'dictionary';
    return names.length > 0 ? `${kind} ${names.join(' ')}` : kind;
  }
  return object instanceof PDFArray ? 'array' : (object?.constructor.name ?? 'missing');
}
