import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainError } from '@docaxis/errors/domain-error';
import { EDXML_NAMESPACE, XLINK_NAMESPACE } from './edxml-namespaces';
import { DEFAULT_XML_READ_LIMITS, readXmlDocument, type XmlReadLimits } from './safe-xml-reader';

function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

function refusal(input: Buffer | string, limits?: Partial<XmlReadLimits>): DomainError {
  try {
    readXmlDocument(input, { ...DEFAULT_XML_READ_LIMITS, ...limits });
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the XML to be refused');
}

describe('readXmlDocument (safe XML)', () => {
  it('reads elements with resolved namespaces, attributes and decoded text', () => {
    const root = readXmlDocument(
      `<r xmlns="${EDXML_NAMESPACE}" xmlns:x="${XLINK_NAMESPACE}"><e x:href="cid:1" plain="a&amp;b">Sở TT&amp;TT &#x110;&#7891;ng &lt;Tháp&gt;<![CDATA[ &amp; raw]]></e><n xmlns=""/></r>`,
    );
    expect(root).toEqual({
      namespace: EDXML_NAMESPACE,
      name: 'r',
      attributes: [],
      text: '',
      children: [
        {
          namespace: EDXML_NAMESPACE,
          name: 'e',
          attributes: [
            { namespace: XLINK_NAMESPACE, name: 'href', value: 'cid:1' },
            { name: 'plain', value: 'a&b' },
          ],
          children: [],
          text: 'Sở TT&TT Đồng <Tháp> &amp; raw',
        },
        { name: 'n', attributes: [], children: [], text: '' },
      ],
    });
  });

  it('accepts bytes with a UTF-8 byte order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>Hà Nội</a>')]);
    expect(readXmlDocument(bytes).text).toBe('Hà Nội');
  });

  it('refuses input over the size cap before reading it', () => {
    const error = refusal('<a>' + 'x'.repeat(100) + '</a>', { maxBytes: 100, maxDepth: 10 });
    expect(error.code).toBe('EDXML_TOO_LARGE');
    expect(error.kind).toBe('too-large');
    expect(error.details).toEqual({ size: 107, maxBytes: 100 });
    expect(refusal(Buffer.alloc(101, 0x20), { maxBytes: 100, maxDepth: 10 }).code).toBe(
      'EDXML_TOO_LARGE',
    );
  });

  it.each([
    'dispatch-doctype-xxe.edxml',
    'dispatch-billion-laughs.edxml',
    'dispatch-lowercase-doctype.edxml',
  ])('refuses the DOCTYPE of %s before parsing', (name) => {
    const error = refusal(fixture(name));
    expect(error.code).toBe('EDXML_DOCTYPE_FORBIDDEN');
    expect(error.kind).toBe('invalid-input');
  });

  it('refuses a bare ENTITY declaration too', () => {
    expect(refusal('<a><!ENTITY x "y"></a>').code).toBe('EDXML_DOCTYPE_FORBIDDEN');
  });

  it('refuses nesting deeper than the cap, however deep', () => {
    expect(
      refusal('<a>'.repeat(11) + '</a>'.repeat(11), { maxBytes: 1e6, maxDepth: 10 }).code,
    ).toBe('EDXML_TOO_DEEP');
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(refusal(deep, { maxMarkupBytes: 1e6 }).code).toBe('EDXML_TOO_DEEP');
    expect(
      readXmlDocument('<a>'.repeat(10) + '</a>'.repeat(10), {
        ...DEFAULT_XML_READ_LIMITS,
        maxDepth: 10,
      }).name,
    ).toBe('a');
  });

  it('refuses more markup than the cap before parsing it, whatever the text', () => {
    // Unclosed and undefined-entity markup: refused for its size, so the parser never saw it.
    const error = refusal(`<a>${'Đề nghị &bogus; <b>'.repeat(60)}`, { maxMarkupBytes: 1000 });
    expect(error.code).toBe('EDXML_MARKUP_TOO_LARGE');
    expect(error.kind).toBe('too-large');
    expect(error.details).toEqual({ size: expect.any(Number), maxMarkupBytes: 1000 });
    expect((error.details as { size: number }).size).toBeGreaterThan(1000);
    // The default cap (256 KiB): a megabyte of plain text in one element, as a review's packet.
    const text = `<a>${'Công văn, '.repeat(80_000)}</a>`;
    expect(refusal(text).code).toBe('EDXML_MARKUP_TOO_LARGE');
    expect(
      readXmlDocument(text, { ...DEFAULT_XML_READ_LIMITS, maxMarkupBytes: 2 ** 21 }).name,
    ).toBe('a');
  });

  it('does not count base64 runs of 1 KiB or more against the markup cap', () => {
    const base64 = 'QUJD'.repeat(64 * 1024);
    const xml = `<a><b>${base64}</b><c>${'A'.repeat(1023)}</c></a>`;
    const limits = { ...DEFAULT_XML_READ_LIMITS, maxMarkupBytes: 2000 };
    expect(readXmlDocument(xml, limits).children.map((child) => child.text.length)).toEqual([
      base64.length,
      1023,
    ]);
    expect(
      refusal(`<a><b>${'A'.repeat(1023)}</b><c>${'A'.repeat(1023)}</c></a>`, limits).code,
    ).toBe('EDXML_MARKUP_TOO_LARGE');
  });

  it('reads many base64 texts of every size, with line breaks, exactly as the XML says', () => {
    const sizes = [0, 1, 700, 767, 768, 769, 1500, 3000, 48 * 1024, 49 * 1024, 200 * 1024];
    const texts = sizes.map((size, index) => {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + index) % 251;
      const base64 = bytes.toString('base64');
      if (index % 3 === 0) return base64;
      if (index % 3 === 1) return `\r\n ${base64.replace(/(.{76})/g, '$1\r\n')}\r\n `;
      return `\n\t${base64.replace(/(.{64})/g, '$1\n\t')}\n`;
    });
    const xml = `<r>${texts.map((text, i) => `<f n="${i}"><x>${text}</x>tail</f>`).join('\n')}</r>`;
    const children = readXmlDocument(xml).children;
    // XML reads CR LF (and a lone CR) as LF; nothing else in character data changes.
    expect(children.map((f) => f.children[0].text)).toEqual(
      texts.map((text) => text.replace(/\r\n?/g, '\n')),
    );
    expect(children.map((f) => f.text)).toEqual(texts.map(() => 'tail'));
    // Lifted or not, all of them fit a cap far below their total size.
    const total = texts.reduce((sum, text) => sum + text.length, 0);
    expect(total).toBeGreaterThan(300 * 1024);
    expect(
      readXmlDocument(xml, { ...DEFAULT_XML_READ_LIMITS, maxMarkupBytes: 8 * 1024 }).children,
    ).toHaveLength(sizes.length);
  });

  it.each([
    ['<a><b></a>', 'Expected closing tag'],
    ['<a>x</a><b/>', 'exactly one root element, found 2'],
    ['plain text', 'char'],
    ['<a>&nbsp;</a>', 'the entity "&nbsp;" is not defined'],
    ['<a>&#0;</a>', 'not an XML character'],
    ['<a>&#xD800;</a>', 'not an XML character'],
    ['<a>AT&T</a>', "char '&' is not expected"],
    ['<a>\u0000</a>', 'NUL'],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'encoding "ISO-8859-1" is not supported'],
    ['<a><constructor/></a>', 'reserved'],
    ['<a b="x&y"/>', '"&" must start an entity reference'],
  ])('refuses %j as malformed', (xml, reason) => {
    const error = refusal(xml);
    expect(error.code).toBe('EDXML_MALFORMED');
    expect(error.message).toContain(reason);
  });

  it('refuses bytes that are not UTF-8', () => {
    const latin1 = Buffer.from('<a>H\u00e0 N\u00f4i</a>', 'latin1');
    const error = refusal(latin1);
    expect(error.code).toBe('EDXML_MALFORMED');
    expect(error.message).toContain('not valid UTF-8');
  });

  it('refuses an undeclared prefix as a namespace error', () => {
    const error = refusal('<edXML:edXML><edXML:a/></edXML:edXML>');
    expect(error.code).toBe('EDXML_NAMESPACE_INVALID');
    expect(error.message).toContain('the prefix "edXML" of <edXML:edXML> is not declared');
    expect(error.messageVi).toContain('tiền tố "edXML" của <edXML:edXML> chưa được khai báo');
  });

  it('says in Vietnamese where the syntax breaks, without the parser’s English', () => {
    const error = refusal('<a>\n<b></a>');
    expect(error.message).toMatch(/\(line 2, column \d+\)/);
    expect(error.messageVi).toMatch(
      /^Gói tin edXML không phải là XML đúng cú pháp: lỗi cú pháp tại dòng 2, cột \d+\.$/,
    );
  });
});
