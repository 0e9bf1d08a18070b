import type { BusinessDocType } from './business-doc-types';
import type { EdxmlStatusCode } from './edxml-status-codes';
import type { XmlElement } from './xml-element';

/**
 * The edXML message and status packets of QCVN 102:2016/BTTTT, element for element, with values
 * as the packet writes them (dates `yyyy/MM/dd`, numbers as text). Converting to docaxis's
 * validated `DispatchEnvelope` is `edxmlToEnvelope`'s job; this model is what round-trips.
 *
 * Every group keeps the child elements docaxis does not know in `extensions`, written back after
 * the known ones, so a packet passes through docaxis without losing another system's additions.
 */
type Extensions = { readonly extensions?: readonly XmlElement[] };

export interface EdxmlOrganization extends Extensions {
  readonly organId: string;
  readonly organizationInCharge?: string;
  readonly organName?: string;
  readonly organAdd?: string;
  readonly email?: string;
  readonly telephone?: string;
  readonly fax?: string;
  readonly website?: string;
}

export interface EdxmlCode extends Extensions {
  readonly codeNumber: string;
  readonly codeNotation: string;
}

export interface EdxmlPromulgationInfo extends Extensions {
  readonly place?: string;
  readonly promulgationDate: string;
}

export interface EdxmlDocumentType extends Extensions {
  readonly type: string;
  readonly typeDetail?: string;
  readonly typeName?: string;
}

export interface EdxmlSignerInfo extends Extensions {
  readonly competence?: string;
  readonly position?: string;
  readonly fullName?: string;
}

export interface EdxmlOtherInfo extends Extensions {
  readonly priority?: string;
  readonly sphereOfPromulgation?: string;
  readonly typerNotation?: string;
  readonly promulgationAmount?: string;
  readonly pageAmount?: string;
  readonly direction?: string;
  readonly appendixes?: readonly string[];
  /** docaxis's reading of a confidentiality mark, `OtherInfo/SecurityLevel` [check]. */
  readonly securityLevel?: string;
}

export interface EdxmlResponseFor extends Extensions {
  readonly organId: string;
  /** `05/VPCP-KSTT`. */
  readonly code: string;
  readonly promulgationDate: string;
  readonly documentId: string;
}

export interface EdxmlMessageHeader extends Extensions {
  readonly from: EdxmlOrganization;
  readonly to: readonly EdxmlOrganization[];
  readonly documentId?: string;
  readonly code: EdxmlCode;
  readonly promulgationInfo: EdxmlPromulgationInfo;
  readonly documentType: EdxmlDocumentType;
  readonly subject: string;
  readonly content?: string;
  readonly signerInfo?: EdxmlSignerInfo;
  readonly dueDate?: string;
  readonly otherInfo?: EdxmlOtherInfo;
  readonly steeringType?: string;
  readonly toPlaces?: readonly string[];
  readonly responseFor?: readonly EdxmlResponseFor[];
}

export interface EdxmlTraceHeader extends Extensions {
  readonly organId: string;
  /** `yyyy/MM/dd HH:mm:ss`, Vietnam time. */
  readonly timestamp: string;
}

export interface EdxmlStaffInfo extends Extensions {
  readonly department?: string;
  readonly staff?: string;
  readonly email?: string;
  readonly mobile?: string;
}

export interface EdxmlReplacementInfo extends Extensions {
  readonly documentId: string;
  readonly organIds: readonly string[];
}

export interface EdxmlBusiness extends Extensions {
  readonly documentId?: string;
  readonly businessDocType: BusinessDocType;
  readonly businessDocReason?: string;
  /** `0`/`1`: whether a paper copy also travels. */
  readonly paper?: string;
  readonly staffInfo?: EdxmlStaffInfo;
  /** For an update; carried as is, not interpreted [check]. */
  readonly businessDocumentInfo?: XmlElement;
  /** For a replacement. */
  readonly replacementInfoList?: readonly EdxmlReplacementInfo[];
}

export interface EdxmlTraceHeaderList extends Extensions {
  readonly traceHeaders: readonly EdxmlTraceHeader[];
  readonly business?: EdxmlBusiness;
}

export interface EdxmlManifestReference extends Extensions {
  readonly contentId?: string;
  readonly contentType?: string;
  readonly description?: string;
  readonly attachmentName?: string;
  /** `xlink:href` attribute some systems use instead of `ContentId`. */
  readonly href?: string;
  /** `xlink:type` attribute. */
  readonly linkType?: string;
}

export interface EdxmlManifest extends Extensions {
  readonly version: string;
  readonly references: readonly EdxmlManifestReference[];
}

export interface EdxmlAttachment extends Extensions {
  readonly contentId: string;
  readonly attachmentName: string;
  readonly description?: string;
  readonly contentType: string;
  /** Decoded from `ContentTransferEncoded` (base64). */
  readonly content: Buffer;
}

/** Unknown elements found directly under the packet's outer elements. */
export interface EdxmlPacketExtensions {
  readonly root?: readonly XmlElement[];
  readonly envelope?: readonly XmlElement[];
  readonly header?: readonly XmlElement[];
  readonly body?: readonly XmlElement[];
  readonly attachmentEncoded?: readonly XmlElement[];
}

export interface EdxmlPacket {
  readonly messageHeader: EdxmlMessageHeader;
  readonly traceHeaderList?: EdxmlTraceHeaderList;
  /** The enveloped XML signature, carried verbatim; verified elsewhere over the raw bytes. */
  readonly signature?: XmlElement;
  readonly manifest?: EdxmlManifest;
  readonly attachments: readonly EdxmlAttachment[];
  readonly extensions?: EdxmlPacketExtensions;
}

export interface EdxmlStatus extends Extensions {
  readonly from: EdxmlOrganization;
  readonly responseFor: EdxmlResponseFor;
  readonly staffInfo?: EdxmlStaffInfo;
  /** Normalized: a received `14` is `15`. */
  readonly statusCode: EdxmlStatusCode;
  readonly description?: string;
  /** `yyyy/MM/dd HH:mm:ss`, Vietnam time. */
  readonly timestamp: string;
  /** The systems the packet passed, as a message's: the author's, then each axis'. */
  readonly traceHeaderList?: EdxmlTraceHeaderList;
  readonly signature?: XmlElement;
  /** Unknown elements around `Status` (under the root, envelope or header; there is no body). */
  readonly outerExtensions?: EdxmlPacketExtensions;
}
