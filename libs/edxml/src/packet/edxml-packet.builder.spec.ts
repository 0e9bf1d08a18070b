import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEdxmlPacket, buildEdxmlStatus } from './edxml-packet.builder';
import { parseEdxmlPacket, parseEdxmlStatus } from './edxml-packet.parser';
import { readXmlDocument } from './safe-xml-reader';

function fixture(name: string): Buffer {
  return readFileSync(join(__dirname, '../../test-fixtures', name));
}

describe('buildEdxmlPacket', () => {
  it.each(['dispatch-new.edxml', 'dispatch-extensions.edxml', 'dispatch-secret.edxml'])(
    'round-trips %s: parse → build → parse gives an equal model',
    (name) => {
      const packet = parseEdxmlPacket(fixture(name));
      const rebuilt = buildEdxmlPacket(packet);
      expect(parseEdxmlPacket(rebuilt)).toEqual(packet);
      // Building is deterministic, so a second pass is byte-identical.
      expect(buildEdxmlPacket(parseEdxmlPacket(rebuilt))).toBe(rebuilt);
    },
  );

  it('writes the structure of the SDK samples', () => {
    const xml = buildEdxmlPacket(parseEdxmlPacket(fixture('dispatch-new.edxml')));
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">\n',
      ),
    ).toBe(true);
    expect(xml).toContain(
      ' <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">',
    );
    expect(xml).toContain('<edXML:Fax/>');
    expect(xml).toContain('<edXML:Place>Sở TT&amp;TT Đồng Tháp</edXML:Place>');
    expect(xml).toContain('<edXML:edXMLManifest version="1.0">');
    expect(xml).toContain(
      '<edXML:ContentTransferEncoded xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>',
    );
    const order = [
      'From',
      'To',
      'DocumentId',
      'Code',
      'PromulgationInfo',
      'DocumentType',
      'Subject',
      'Content',
      'SignerInfo',
      'DueDate',
      'OtherInfo',
      'SteeringType',
      'ToPlaces',
    ].map((name) => xml.indexOf(`<edXML:${name}>`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('emits "Bussiness" even when it read "Business"', () => {
    const xml = buildEdxmlPacket(parseEdxmlPacket(fixture('dispatch-extensions.edxml')));
    expect(xml).toContain('<edXML:Bussiness>');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).toContain(
      '<edXML:BussinessDocReason>Văn bản điện tử mới</edXML:BussinessDocReason>',
    );
    expect(xml).not.toContain('Business');
  });

  it('writes unknown elements, the signature and xlink attributes back', () => {
    const xml = buildEdxmlPacket(parseEdxmlPacket(fixture('dispatch-extensions.edxml')));
    expect(xml).toContain('<edXML:OrganLevel>1</edXML:OrganLevel>');
    expect(xml).toContain(
      '<SoftwareVersion xmlns="urn:example:vnpt-edoc" build="2026.11">3.2</SoftwareVersion>',
    );
    expect(xml).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
    expect(xml).toContain(
      '<edXML:Reference xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="cid:1" xlink:type="simple">',
    );
    expect(xml).toContain('<Checksum algorithm="SHA-256">not-verified-by-docaxis</Checksum>');
  });

  it("keeps AttachmentEncoded the root's last child, unknown root elements before it", () => {
    const xml = fixture('dispatch-new.edxml')
      .toString()
      .replace('</edXML>', '<x:Note xmlns:x="urn:example:note">sau</x:Note></edXML>');
    const rebuilt = buildEdxmlPacket(parseEdxmlPacket(xml));
    expect(readXmlDocument(rebuilt).children.map((child) => child.name)).toEqual([
      'edXMLEnvelope',
      'Note',
      'AttachmentEncoded',
    ]);
  });
});

describe('buildEdxmlStatus', () => {
  it.each(['status-received.edxml', 'status-agrees-recall-14.edxml', 'status-through-axis.edxml'])(
    'round-trips %s',
    (name) => {
      const status = parseEdxmlStatus(fixture(name));
      expect(parseEdxmlStatus(buildEdxmlStatus(status))).toEqual(status);
    },
  );

  it("writes a status packet's TraceHeaderList after Status, as a message packet's after MessageHeader", () => {
    const xml = buildEdxmlStatus(parseEdxmlStatus(fixture('status-through-axis.edxml')));
    const header = xml.slice(
      xml.indexOf('<edXML:edXMLHeader>'),
      xml.indexOf('</edXML:edXMLHeader>'),
    );
    expect(header.indexOf('</edXML:Status>')).toBeLessThan(
      header.indexOf('<edXML:TraceHeaderList>'),
    );
    expect(header).toContain(
      '<edXML:TraceHeader>\n     <edXML:OrganId>000.00.00.G22</edXML:OrganId>\n     <edXML:Timestamp>2026/11/20 09:05:02</edXML:Timestamp>',
    );
  });

  it('writes 15 for a status received as 14, and no body', () => {
    const xml = buildEdxmlStatus(parseEdxmlStatus(fixture('status-agrees-recall-14.edxml')));
    expect(xml).toContain('<edXML:StatusCode>15</edXML:StatusCode>');
    expect(xml).not.toContain('edXMLBody');
    expect(xml).toContain('<edXML:Timestamp>2026/11/20 09:05:00</edXML:Timestamp>');
  });

  it('builds a refusal status from scratch', () => {
    const xml = buildEdxmlStatus({
      from: { organId: '000.00.14.H20', organName: 'Sở Thông tin và Truyền thông Đồng Tháp' },
      responseFor: {
        organId: '000.00.00.G22',
        code: '05/VPCP-KSTT',
        promulgationDate: '2026/11/20',
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
      },
      statusCode: '02',
      description: 'Từ chối tiếp nhận: sai nơi nhận',
      timestamp: '2026/11/20 10:00:00',
    });
    expect(parseEdxmlStatus(xml)).toEqual({
      from: { organId: '000.00.14.H20', organName: 'Sở Thông tin và Truyền thông Đồng Tháp' },
      responseFor: {
        organId: '000.00.00.G22',
        code: '05/VPCP-KSTT',
        promulgationDate: '2026/11/20',
        documentId: '000.00.00.G22,2026/11/20,05/VPCP-KSTT',
      },
      statusCode: '02',
      description: 'Từ chối tiếp nhận: sai nơi nhận',
      timestamp: '2026/11/20 10:00:00',
    });
  });
});
