import { codeOfBusinessDocType } from './business-doc-types';
import { EDXML_NAMESPACE, XLINK_NAMESPACE } from './edxml-namespaces';
import type {
  EdxmlAttachment,
  EdxmlBusiness,
  EdxmlManifest,
  EdxmlMessageHeader,
  EdxmlOrganization,
  EdxmlPacket,
  EdxmlPacketExtensions,
  EdxmlResponseFor,
  EdxmlStaffInfo,
  EdxmlStatus,
  EdxmlTraceHeaderList,
} from './edxml-packet';
import type { XmlElement } from './xml-element';
import { escapeAttribute, escapeText, writeElement, type NamespaceScope } from './xml-writer';

/**
 * Writes edXML the way the SDK samples do: root `<edXML>` with the edXML default namespace,
 * `edXML:`-prefixed elements inside `edXML:edXMLEnvelope`, unprefixed `AttachmentEncoded` after
 * it, `Bussiness` with the SDKs' spelling, every element of `From`/`To` present (empty when
 * unknown), known elements in the standard's order and unknown ones after them.
 */
type Node =
  | {
      readonly kind: 'element';
      readonly name: string;
      readonly attributes: string[];
      readonly text?: string;
      readonly children: Node[];
    }
  | { readonly kind: 'foreign'; readonly element: XmlElement };

const EDXML_SCOPE: NamespaceScope = new Map([
  ['', EDXML_NAMESPACE],
  ['edXML', EDXML_NAMESPACE],
]);
const ROOT_SCOPE: NamespaceScope = new Map([['', EDXML_NAMESPACE]]);

export function buildEdxmlPacket(packet: EdxmlPacket): string {
  const header = element('edXML:edXMLHeader', [
    messageHeaderNode(packet.messageHeader),
    ...(packet.traceHeaderList ? [traceHeaderListNode(packet.traceHeaderList)] : []),
    ...foreign(packet.signature ? [packet.signature] : undefined),
    ...foreign(packet.extensions?.header),
  ]);
  const bodyChildren = [
    ...(packet.manifest ? [manifestNode(packet.manifest)] : []),
    ...foreign(packet.extensions?.body),
  ];
  const body = bodyChildren.length > 0 ? [element('edXML:edXMLBody', bodyChildren)] : [];
  const attachmentChildren = [
    ...packet.attachments.map(attachmentNode),
    ...foreign(packet.extensions?.attachmentEncoded),
  ];
  const attachmentEncoded =
    attachmentChildren.length > 0 ? [element('AttachmentEncoded', attachmentChildren)] : [];
  return document(header, body, attachmentEncoded, packet.extensions);
}

export function buildEdxmlStatus(status: EdxmlStatus): string {
  const header = element('edXML:edXMLHeader', [
    element('edXML:Status', [
      organizationNode('edXML:From', status.from),
      responseForNode(status.responseFor),
      ...(status.staffInfo ? [staffInfoNode(status.staffInfo)] : []),
      leaf('StatusCode', status.statusCode),
      ...optionalLeaf('Description', status.description),
      leaf('Timestamp', status.timestamp),
      ...foreign(status.extensions),
    ]),
    ...(status.traceHeaderList ? [traceHeaderListNode(status.traceHeaderList)] : []),
    ...foreign(status.signature ? [status.signature] : undefined),
    ...foreign(status.outerExtensions?.header),
  ]);
  return document(header, [], [], status.outerExtensions);
}

function document(
  header: Node,
  body: Node[],
  attachmentEncoded: Node[],
  extensions: EdxmlPacketExtensions | undefined,
): string {
  const envelope = element(
    'edXML:edXMLEnvelope',
    [header, ...body, ...foreign(extensions?.envelope)],
    [`xmlns:edXML="${EDXML_NAMESPACE}"`],
  );
  const root = element(
    'edXML',
    // AttachmentEncoded is the root's last child (QCVN 102), after anything docaxis does not know.
    [envelope, ...foreign(extensions?.root), ...attachmentEncoded],
    [`xmlns="${EDXML_NAMESPACE}"`],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, 0, ROOT_SCOPE)}\n`;
}

function messageHeaderNode(header: EdxmlMessageHeader): Node {
  return element('edXML:MessageHeader', [
    organizationNode('edXML:From', header.from),
    ...header.to.map((recipient) => organizationNode('edXML:To', recipient)),
    ...optionalLeaf('DocumentId', header.documentId),
    element('edXML:Code', [
      leaf('CodeNumber', header.code.codeNumber),
      leaf('CodeNotation', header.code.codeNotation),
      ...foreign(header.code.extensions),
    ]),
    element('edXML:PromulgationInfo', [
      leaf('Place', header.promulgationInfo.place),
      leaf('PromulgationDate', header.promulgationInfo.promulgationDate),
      ...foreign(header.promulgationInfo.extensions),
    ]),
    element('edXML:DocumentType', [
      leaf('Type', header.documentType.type),
      ...optionalLeaf('TypeDetail', header.documentType.typeDetail),
      leaf('TypeName', header.documentType.typeName),
      ...foreign(header.documentType.extensions),
    ]),
    leaf('Subject', header.subject),
    ...optionalLeaf('Content', header.content),
    ...(header.signerInfo
      ? [
          element('edXML:SignerInfo', [
            ...optionalLeaf('Competence', header.signerInfo.competence),
            leaf('Position', header.signerInfo.position),
            leaf('FullName', header.signerInfo.fullName),
            ...foreign(header.signerInfo.extensions),
          ]),
        ]
      : []),
    ...optionalLeaf('DueDate', header.dueDate),
    ...(header.otherInfo
      ? [
          element('edXML:OtherInfo', [
            ...optionalLeaf('Priority', header.otherInfo.priority),
            ...optionalLeaf('SphereOfPromulgation', header.otherInfo.sphereOfPromulgation),
            ...optionalLeaf('TyperNotation', header.otherInfo.typerNotation),
            ...optionalLeaf('PromulgationAmount', header.otherInfo.promulgationAmount),
            ...optionalLeaf('PageAmount', header.otherInfo.pageAmount),
            ...optionalLeaf('Direction', header.otherInfo.direction),
            ...(header.otherInfo.appendixes
              ? [listNode('Appendixes', 'Appendix', header.otherInfo.appendixes)]
              : []),
            ...optionalLeaf('SecurityLevel', header.otherInfo.securityLevel),
            ...foreign(header.otherInfo.extensions),
          ]),
        ]
      : []),
    ...optionalLeaf('SteeringType', header.steeringType),
    ...(header.toPlaces ? [listNode('ToPlaces', 'Place', header.toPlaces)] : []),
    ...(header.responseFor ?? []).map(responseForNode),
    ...foreign(header.extensions),
  ]);
}

function organizationNode(name: string, organization: EdxmlOrganization): Node {
  return element(name, [
    leaf('OrganId', organization.organId),
    leaf('OrganizationInCharge', organization.organizationInCharge),
    leaf('OrganName', organization.organName),
    leaf('OrganAdd', organization.organAdd),
    leaf('Email', organization.email),
    leaf('Telephone', organization.telephone),
    leaf('Fax', organization.fax),
    leaf('Website', organization.website),
    ...foreign(organization.extensions),
  ]);
}

function responseForNode(reference: EdxmlResponseFor): Node {
  return element('edXML:ResponseFor', [
    leaf('OrganId', reference.organId),
    leaf('Code', reference.code),
    leaf('PromulgationDate', reference.promulgationDate),
    leaf('DocumentId', reference.documentId),
    ...foreign(reference.extensions),
  ]);
}

function staffInfoNode(staff: EdxmlStaffInfo): Node {
  return element('edXML:StaffInfo', [
    leaf('Department', staff.department),
    leaf('Staff', staff.staff),
    leaf('Email', staff.email),
    leaf('Mobile', staff.mobile),
    ...foreign(staff.extensions),
  ]);
}

function traceHeaderListNode(list: EdxmlTraceHeaderList): Node {
  return element('edXML:TraceHeaderList', [
    ...list.traceHeaders.map((trace) =>
      element('edXML:TraceHeader', [
        leaf('OrganId', trace.organId),
        leaf('Timestamp', trace.timestamp),
        ...foreign(trace.extensions),
      ]),
    ),
    ...(list.business ? [businessNode(list.business)] : []),
    ...foreign(list.extensions),
  ]);
}

function businessNode(business: EdxmlBusiness): Node {
  return element('edXML:Bussiness', [
    ...optionalLeaf('DocumentId', business.documentId),
    leaf('BussinessDocType', codeOfBusinessDocType(business.businessDocType)),
    ...optionalLeaf('BussinessDocReason', business.businessDocReason),
    ...optionalLeaf('Paper', business.paper),
    ...(business.staffInfo ? [staffInfoNode(business.staffInfo)] : []),
    ...foreign(business.businessDocumentInfo ? [business.businessDocumentInfo] : undefined),
    ...(business.replacementInfoList
      ? [
          element(
            'edXML:ReplacementInfoList',
            business.replacementInfoList.map((replacement) =>
              element('edXML:ReplacementInfo', [
                leaf('DocumentId', replacement.documentId),
                listNode('OrganIdList', 'OrganId', replacement.organIds),
                ...foreign(replacement.extensions),
              ]),
            ),
          ),
        ]
      : []),
    ...foreign(business.extensions),
  ]);
}

function manifestNode(manifest: EdxmlManifest): Node {
  return element(
    'edXML:edXMLManifest',
    [
      ...manifest.references.map((reference) => {
        const attributes = [
          ...(reference.href !== undefined
            ? [`xlink:href="${escapeAttribute(reference.href)}"`]
            : []),
          ...(reference.linkType !== undefined
            ? [`xlink:type="${escapeAttribute(reference.linkType)}"`]
            : []),
        ];
        if (attributes.length > 0) attributes.unshift(`xmlns:xlink="${XLINK_NAMESPACE}"`);
        return element(
          'edXML:Reference',
          [
            ...optionalLeaf('ContentId', reference.contentId),
            ...optionalLeaf('ContentType', reference.contentType),
            ...optionalLeaf('Description', reference.description),
            ...optionalLeaf('AttachmentName', reference.attachmentName),
            ...foreign(reference.extensions),
          ],
          attributes,
        );
      }),
      ...foreign(manifest.extensions),
    ],
    [`version="${escapeAttribute(manifest.version)}"`],
  );
}

function attachmentNode(attachment: EdxmlAttachment): Node {
  // Outside edXMLEnvelope the edXML prefix is not in scope: the SDKs declare it on the element.
  return element('Attachment', [
    plainLeaf('ContentId', attachment.contentId),
    plainLeaf('AttachmentName', attachment.attachmentName),
    ...(attachment.description !== undefined
      ? [plainLeaf('Description', attachment.description)]
      : []),
    plainLeaf('ContentType', attachment.contentType),
    {
      kind: 'element',
      name: 'edXML:ContentTransferEncoded',
      attributes: [`xmlns:edXML="${EDXML_NAMESPACE}"`],
      text: attachment.content.toString('base64'),
      children: [],
    },
    ...foreign(attachment.extensions),
  ]);
}

function element(name: string, children: Node[], attributes: string[] = []): Node {
  return { kind: 'element', name, attributes, children };
}

/** An `edXML:` leaf, written empty when the value is unknown. */
function leaf(name: string, value: string | undefined): Node {
  return {
    kind: 'element',
    name: `edXML:${name}`,
    attributes: [],
    text: value ?? '',
    children: [],
  };
}

function optionalLeaf(name: string, value: string | undefined): Node[] {
  return value === undefined ? [] : [leaf(name, value)];
}

function plainLeaf(name: string, value: string): Node {
  return { kind: 'element', name, attributes: [], text: value, children: [] };
}

function listNode(listName: string, itemName: string, items: readonly string[]): Node {
  return element(
    `edXML:${listName}`,
    items.map((item) => leaf(itemName, item)),
  );
}

function foreign(elements: readonly XmlElement[] | undefined): Node[] {
  return (elements ?? []).map((element) => ({ kind: 'foreign', element }));
}

function render(node: Node, depth: number, scope: NamespaceScope): string {
  const indent = ' '.repeat(depth);
  if (node.kind === 'foreign') return indent + writeElement(node.element, scope);
  // Everything under edXMLEnvelope may use the edXML prefix it declares.
  const innerScope = node.name === 'edXML:edXMLEnvelope' ? EDXML_SCOPE : scope;
  const head = [node.name, ...node.attributes].join(' ');
  if (node.children.length > 0) {
    const children = node.children.map((child) => render(child, depth + 1, innerScope)).join('\n');
    return `${indent}<${head}>\n${children}\n${indent}</${node.name}>`;
  }
  const text = node.text ?? '';
  return text === ''
    ? `${indent}<${head}/>`
    : `${indent}<${head}>${escapeText(text)}</${node.name}>`;
}
