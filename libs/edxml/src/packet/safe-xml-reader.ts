import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  EdxmlDoctypeForbiddenError,
  EdxmlMalformedError,
  EdxmlMarkupTooLargeError,
  EdxmlNamespaceInvalidError,
  EdxmlTooDeepError,
  EdxmlTooLargeError,
} from './edxml-errors';
import { liftBase64Texts, restoreLiftedTexts, type LiftedBase64Texts } from './base64-text-lifting';
import { XML_NAMESPACE } from './edxml-namespaces';
import type { XmlAttribute, XmlElement } from './xml-element';

/**
 * Reads untrusted XML defensively (stack notes: fast-xml-parser had entity-expansion advisories):
 * size is capped before anything else, any DOCTYPE/ENTITY declaration is refused before parsing
 * (no DTD means no external entities and no expansion bombs), the parser's own entity processing
 * is off and docaxis decodes only the five predefined entities and character references itself,
 * and nesting depth is capped inside the parser so deep input cannot exhaust the stack.
 *
 * fast-xml-parser walks text one character at a time (about 250 ms per MB here, and up to 3 s per
 * MB of small elements), which would block the event loop for seconds on a packet carrying a large
 * base64 PDF. Runs of base64 of at least 1 KiB (every attachment, however small) are therefore
 * lifted out before parsing and put back afterwards (`base64-text-lifting.ts`). What is left for
 * the parser, the markup, is capped before any parsing: edXML metadata is small (Subject and
 * Content at most 500 characters, a few hundred recipients), so only a hostile packet reaches it.
 */
export interface XmlReadLimits {
  /** Largest accepted input in bytes (UTF-8). */
  readonly maxBytes: number;
  /** Deepest accepted element nesting. */
  readonly maxDepth: number;
  /**
   * Largest accepted markup in bytes (UTF-8): the document without its lifted base64 runs, each
   * counted as its placeholder (about 25 bytes), i.e. exactly what the parser walks.
   */
  readonly maxMarkupBytes: number;
}

export const DEFAULT_XML_READ_LIMITS: XmlReadLimits = {
  // Packets carry base64 PDFs (4/3 of their size); the gateway may set a tighter cap.
  maxBytes: 64 * 1024 * 1024,
  // edXML needs about 8 levels; generous for extensions, far from any stack limit.
  maxDepth: 64,
  // Room for hundreds of fully described recipients; about 0.5 s of parsing at worst (256 KiB of
  // empty elements: the parser's cost grows with the element count, up to 3 s per MiB).
  maxMarkupBytes: 256 * 1024,
};

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;
const ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/;
const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['apos', "'"],
  ['quot', '"'],
]);

/** A node of fast-xml-parser's `preserveOrder` output; text values are strings (no value parsing). */
type ParsedNode = Record<string, unknown>;

export function readXmlDocument(
  input: Buffer | string,
  limits: XmlReadLimits = DEFAULT_XML_READ_LIMITS,
): XmlElement {
  const xml = decode(input, limits.maxBytes);
  if (DECLARATION.test(xml)) throw new EdxmlDoctypeForbiddenError();
  const encoding = ENCODING.exec(xml)?.[1];
  if (encoding !== undefined && encoding.toUpperCase() !== 'UTF-8') {
    throw new EdxmlMalformedError({
      en: `encoding "${encoding}" is not supported; edXML is UTF-8`,
      vi: `bảng mã "${encoding}" không được hỗ trợ; edXML dùng UTF-8`,
    });
  }

  const lifted = liftBase64Texts(xml);
  const { lean } = lifted;
  const markupBytes = Buffer.byteLength(lean, 'utf8');
  if (markupBytes > limits.maxMarkupBytes) {
    throw new EdxmlMarkupTooLargeError(markupBytes, limits.maxMarkupBytes);
  }

  const validation = XMLValidator.validate(lean);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new EdxmlMalformedError({
      en: `${msg} (line ${line}, column ${col})`,
      vi: `lỗi cú pháp tại dòng ${line}, cột ${col}`,
    });
  }

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    // The parser counts ancestors of the element being opened, so depth d needs d - 1 here.
    maxNestedTags: limits.maxDepth - 1,
  });
  let nodes: ParsedNode[];
  try {
    nodes = parser.parse(lean) as ParsedNode[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('Maximum nested tags')) throw new EdxmlTooDeepError(limits.maxDepth);
    throw new EdxmlMalformedError({ en: message, vi: 'lỗi cú pháp XML' });
  }

  const roots = nodes.filter((node) => elementName(node) !== undefined);
  if (roots.length !== 1) {
    throw new EdxmlMalformedError({
      en: `expected exactly one root element, found ${roots.length}`,
      vi: `gói tin phải có đúng một phần tử gốc, nhưng có ${roots.length}`,
    });
  }
  return toElement(roots[0], new Map([['xml', XML_NAMESPACE]]), lifted);
}

function decode(input: Buffer | string, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > maxBytes) throw new EdxmlTooLargeError(size, maxBytes);
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      throw new EdxmlMalformedError({
        en: 'the bytes are not valid UTF-8',
        vi: 'dữ liệu không phải là văn bản mã UTF-8 hợp lệ',
      });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) {
    throw new EdxmlMalformedError({
      en: 'it contains a NUL character',
      vi: 'gói tin chứa ký tự NUL',
    });
  }
  return text;
}

function elementName(node: ParsedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
}

function toElement(
  node: ParsedNode,
  parentScope: ReadonlyMap<string, string>,
  lifted: LiftedBase64Texts,
): XmlElement {
  const qualifiedName = elementName(node)!;
  const rawAttributes = Object.entries((node[':@'] ?? {}) as Record<string, string>);

  const scope = new Map(parentScope);
  for (const [name, value] of rawAttributes) {
    if (name === 'xmlns') scope.set('', decodeReferences(value));
    else if (name.startsWith('xmlns:')) scope.set(name.slice(6), decodeReferences(value));
  }

  const attributes: XmlAttribute[] = [];
  for (const [name, value] of rawAttributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const colon = name.indexOf(':');
    const decoded = decodeReferences(value);
    if (colon < 0) {
      attributes.push({ name, value: decoded });
    } else {
      const namespace = resolvePrefix(name.slice(0, colon), scope, name);
      attributes.push({ namespace, name: name.slice(colon + 1), value: decoded });
    }
  }

  const colon = qualifiedName.indexOf(':');
  const namespace =
    colon < 0
      ? scope.get('') || undefined
      : resolvePrefix(qualifiedName.slice(0, colon), scope, qualifiedName);

  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[qualifiedName] ?? []) as ParsedNode[]) {
    if ('#text' in child) {
      text += decodeReferences(child['#text'] as string);
    } else if ('#cdata' in child) {
      const parts = child['#cdata'] as ParsedNode[];
      text += parts.map((part) => (part['#text'] as string | undefined) ?? '').join('');
    } else if (elementName(child) !== undefined) {
      children.push(toElement(child, scope, lifted));
    }
  }
  text = restoreLiftedTexts(text, lifted);
  if (children.length > 0 && text.trim() === '') text = '';

  return {
    ...(namespace !== undefined ? { namespace } : {}),
    name: colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1),
    attributes,
    children,
    text,
  };
}

function resolvePrefix(prefix: string, scope: ReadonlyMap<string, string>, name: string): string {
  const namespace = scope.get(prefix);
  if (!namespace) {
    throw new EdxmlNamespaceInvalidError({
      en: `the prefix "${prefix}" of <${name}> is not declared`,
      vi: `tiền tố "${prefix}" của <${name}> chưa được khai báo`,
    });
  }
  return namespace;
}

/** The five predefined entities and character references; anything else has no definition. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (reference, name: string) => {
    if (!reference.endsWith(';')) {
      throw new EdxmlMalformedError({
        en: `"&" must start an entity reference ending in ";"`,
        vi: `ký tự "&" phải mở đầu một tham chiếu thực thể kết thúc bằng ";"`,
      });
    }
    const predefined = PREDEFINED_ENTITIES.get(name);
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name);
    if (!numeric) {
      throw new EdxmlMalformedError({
        en: `the entity "&${name};" is not defined`,
        vi: `thực thể "&${name};" chưa được định nghĩa`,
      });
    }
    const codePoint = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
    if (!isXmlCharacter(codePoint)) {
      throw new EdxmlMalformedError({
        en: `the character reference "&${name};" is not an XML character`,
        vi: `tham chiếu ký tự "&${name};" không phải là ký tự XML hợp lệ`,
      });
    }
    return String.fromCodePoint(codePoint);
  });
}

function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}
