import { EDXML_NAMESPACE, XLINK_NAMESPACE, XMLDSIG_NAMESPACE } from './edxml-namespaces';
import { readXmlDocument } from './safe-xml-reader';
import type { XmlElement } from './xml-element';
import { escapeAttribute, escapeText, writeElement } from './xml-writer';

describe('xml writer', () => {
  it('escapes text and attributes', () => {
    expect(escapeText('Sở TT&TT <Đồng Tháp>')).toBe('Sở TT&amp;TT &lt;Đồng Tháp&gt;');
    expect(escapeAttribute('a "b"\n\tc & d')).toBe('a &quot;b&quot;&#10;&#9;c &amp; d');
  });

  it('writes foreign elements so they read back identical', () => {
    const signature: XmlElement = {
      namespace: XMLDSIG_NAMESPACE,
      name: 'Signature',
      attributes: [{ name: 'Id', value: 'sig "1"' }],
      text: '',
      children: [
        {
          namespace: XMLDSIG_NAMESPACE,
          name: 'SignatureValue',
          attributes: [],
          children: [],
          text: 'VEVTVA==',
        },
        {
          namespace: EDXML_NAMESPACE,
          name: 'Note',
          attributes: [{ namespace: XLINK_NAMESPACE, name: 'href', value: 'cid:1' }],
          children: [],
          text: 'a < b & c',
        },
        { name: 'Bare', attributes: [], children: [], text: '' },
      ],
    };
    const written = writeElement(
      signature,
      new Map([
        ['', EDXML_NAMESPACE],
        ['edXML', EDXML_NAMESPACE],
      ]),
    );
    expect(written).toBe(
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="sig &quot;1&quot;">' +
        '<SignatureValue>VEVTVA==</SignatureValue>' +
        '<edXML:Note xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:1">a &lt; b &amp; c</edXML:Note>' +
        '<Bare xmlns=""/></Signature>',
    );
    const reread = readXmlDocument(
      `<edXML:wrap xmlns="${EDXML_NAMESPACE}" xmlns:edXML="${EDXML_NAMESPACE}">${written}</edXML:wrap>`,
    );
    expect(reread.children[0]).toEqual(signature);
  });
});
