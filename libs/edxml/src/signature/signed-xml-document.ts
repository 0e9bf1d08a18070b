import { DOMParser, type Document, type Element as XmlDomElement } from '@xmldom/xmldom';

/** A DOCTYPE or ENTITY declaration: refused before parsing (entity expansion, external fetches). */
export const XML_DECLARATION = /<!(DOCTYPE|ENTITY)/i;

/** The DOM of a signed document; throws on anything worse than a parser warning. */
export function parseSignedXml(xml: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
}

/** The element children of `parent` named `localName` in `namespace`. */
export function childElements(
  parent: XmlDomElement | undefined,
  namespace: string,
  localName: string,
): XmlDomElement[] {
  if (!parent) return [];
  return Array.from(parent.childNodes).filter(
    (node): node is XmlDomElement =>
      node.nodeType === 1 &&
      (node as XmlDomElement).localName === localName &&
      (node as XmlDomElement).namespaceURI === namespace,
  );
}

/** The one such child, or undefined when there is none or more than one. */
export function onlyChildElement(
  parent: XmlDomElement | undefined,
  namespace: string,
  localName: string,
): XmlDomElement | undefined {
  const found = childElements(parent, namespace, localName);
  return found.length === 1 ? found[0] : undefined;
}
