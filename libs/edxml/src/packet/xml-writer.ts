import { XML_NAMESPACE } from './edxml-namespaces';
import type { XmlElement } from './xml-element';

/**
 * Minimal XML writing for edXML: escaped text and attributes, and foreign elements written back
 * with namespace declarations that give them their original meaning whatever the prefixes were.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** Prefixes bound where a foreign element is written; '' is the default namespace. */
export type NamespaceScope = ReadonlyMap<string, string>;

const CONVENTIONAL_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/1999/xlink', 'xlink'],
  ['http://www.w3.org/2000/09/xmldsig#', 'ds'],
]);

/** Writes `element` inside a parent whose in-scope prefixes are `scope`. */
export function writeElement(element: XmlElement, scope: NamespaceScope): string {
  const innerScope = new Map(scope);
  const declarations: string[] = [];

  let name = element.name;
  const elementNamespace = element.namespace ?? '';
  const elementPrefix = [...innerScope].find(
    ([prefix, namespace]) => prefix !== '' && namespace === elementNamespace,
  )?.[0];
  if (elementPrefix !== undefined && elementNamespace !== '') {
    name = `${elementPrefix}:${element.name}`;
  } else if ((innerScope.get('') ?? '') !== elementNamespace) {
    declarations.push(`xmlns="${escapeAttribute(elementNamespace)}"`);
    innerScope.set('', elementNamespace);
  }

  const attributes = element.attributes.map((attribute) => {
    if (attribute.namespace === undefined) {
      return `${attribute.name}="${escapeAttribute(attribute.value)}"`;
    }
    const prefix = prefixFor(attribute.namespace, innerScope, declarations);
    return `${prefix}:${attribute.name}="${escapeAttribute(attribute.value)}"`;
  });

  const head = [name, ...declarations, ...attributes].join(' ');
  const content =
    escapeText(element.text) +
    element.children.map((child) => writeElement(child, innerScope)).join('');
  return content === '' ? `<${head}/>` : `<${head}>${content}</${name}>`;
}

function prefixFor(namespace: string, scope: Map<string, string>, declarations: string[]): string {
  if (namespace === XML_NAMESPACE) return 'xml';
  const bound = [...scope].find(([prefix, uri]) => prefix !== '' && uri === namespace)?.[0];
  if (bound !== undefined) return bound;
  let prefix = CONVENTIONAL_PREFIXES.get(namespace) ?? 'ns';
  for (let counter = 1; scope.has(prefix); counter++) prefix = `ns${counter}`;
  scope.set(prefix, namespace);
  declarations.push(`xmlns:${prefix}="${escapeAttribute(namespace)}"`);
  return prefix;
}
