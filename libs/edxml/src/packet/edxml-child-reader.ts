import type { EdxmlIssue, EdxmlIssueCode } from './edxml-errors';
import { EdxmlNamespaceInvalidError } from './edxml-errors';
import { EDXML_NAMESPACE } from './edxml-namespaces';
import type { XmlElement } from './xml-element';

/**
 * Reads the edXML children of one element by local name, records missing or repeated ones as
 * issues (so one pass reports every structural problem), and hands back the children nobody
 * asked for as extensions. A known name in a foreign namespace is a namespace error, not an
 * extension: it is someone's attempt at edXML with the wrong namespace.
 */
export class EdxmlChildReader {
  private readonly consumed = new Set<XmlElement>();

  constructor(
    readonly element: XmlElement,
    readonly path: string,
    private readonly issues: EdxmlIssue[],
  ) {}

  /** A reader for a child element found through this one, sharing the issue list. */
  readerFor(element: XmlElement, name: string, index?: number): EdxmlChildReader {
    return new EdxmlChildReader(element, this.pathOf(name, index), this.issues);
  }

  pathOf(name: string, index?: number): string {
    const step = index === undefined ? name : `${name}[${index + 1}]`;
    return this.path ? `${this.path}/${step}` : step;
  }

  issue(path: string, code: EdxmlIssueCode, message: string): void {
    this.issues.push({ path, code, message });
  }

  /** All edXML children named `name`. */
  many(name: string): XmlElement[] {
    const found: XmlElement[] = [];
    for (const child of this.element.children) {
      if (child.name !== name) continue;
      if (child.namespace !== EDXML_NAMESPACE) {
        throw new EdxmlNamespaceInvalidError({
          en: `<${name}> at ${this.pathOf(name)} is in ${child.namespace ? `"${child.namespace}"` : 'no namespace'}`,
          vi: `<${name}> tại ${this.pathOf(name)} ${child.namespace ? `thuộc không gian tên "${child.namespace}"` : 'không thuộc không gian tên nào'}`,
        });
      }
      this.consumed.add(child);
      found.push(child);
    }
    return found;
  }

  /** At most one child named `name`. */
  optional(name: string): XmlElement | undefined {
    const found = this.many(name);
    if (found.length > 1) {
      this.issue(
        this.pathOf(name),
        'ELEMENT_REPEATED',
        `${this.pathOf(name)} appears ${found.length} times, at most once is allowed`,
      );
    }
    return found[0];
  }

  /** Exactly one child named `name`; a missing one is recorded. */
  required(name: string): XmlElement | undefined {
    const found = this.optional(name);
    if (!found) this.missing(name);
    return found;
  }

  /** Text of an optional leaf, trimmed; an empty element (`<Fax/>`) counts as absent. */
  text(name: string): string | undefined {
    const element = this.optional(name);
    const value = element && leafText(element);
    return value ? value : undefined;
  }

  /** Text of a mandatory leaf; missing or empty is recorded and yields ''. */
  requiredText(name: string): string {
    const element = this.optional(name);
    const value = element ? leafText(element) : '';
    if (!value) this.missing(name);
    return value;
  }

  /** Texts of a repeated leaf inside an optional list element (`ToPlaces/Place*`). */
  textList(listName: string, itemName: string): string[] | undefined {
    const list = this.optional(listName);
    if (!list) return undefined;
    return this.readerFor(list, listName).many(itemName).map(leafText);
  }

  /** Children nobody asked for, or `undefined` when there are none. */
  extensions(): XmlElement[] | undefined {
    const rest = this.element.children.filter((child) => !this.consumed.has(child));
    return rest.length > 0 ? rest : undefined;
  }

  /** Marks a child as handled without reading it through this class (the signature). */
  take(predicate: (child: XmlElement) => boolean): XmlElement | undefined {
    const child = this.element.children.find(
      (candidate) => !this.consumed.has(candidate) && predicate(candidate),
    );
    if (child) this.consumed.add(child);
    return child;
  }

  private missing(name: string): void {
    this.issue(this.pathOf(name), 'ELEMENT_MISSING', `${this.pathOf(name)} is missing or empty`);
  }
}

/**
 * A leaf's text as the packet model holds it: trimmed and in Unicode NFC. Vietnamese has composed
 * and decomposed spellings of the same letters (`ộ` or `o` + two combining marks); every value is
 * read here, so one packet compares and looks up the same whichever spelling its sender used.
 */
function leafText(element: XmlElement): string {
  return element.text.normalize('NFC').trim();
}
