import { Inject, Injectable } from '@nestjs/common';
import { isSecret } from '@docaxis/edxml/envelope/dispatch-envelope';
import { edxmlToEnvelope } from '@docaxis/edxml/packet/edxml-envelope.mapping';
import { parseEdxmlPacket } from '@docaxis/edxml/packet/edxml-packet.parser';
import { type ReceivedTraceEntry, receivedTraceOf } from '@docaxis/edxml/packet/received-trace';
import { staffFieldsOf } from '@docaxis/edxml/packet/staff-fields';
import { EdxmlSignatureVerifier } from '@docaxis/edxml/signature/edxml-signature-verifier';
import type { AuthenticatedAgency } from '../auth/authenticated-agency';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import {
  SubmitDispatchUseCase,
  type SubmitDispatchResult,
  type UploadedPdf,
} from '../dispatches/submit-dispatch.usecase';
import { filesFromEmbeddedAttachments, filesFromParts } from './edxml-attachment-files';
import { edxmlPacketLimitBytes } from './edxml-packet-limit';
import { EdxmlBusinessTypeUnsupportedError } from './edxml-submission.errors';

export interface SubmitEdxmlDispatchCommand {
  agency: AuthenticatedAgency;
  packet: Buffer | string;
  /** The `files` parts of a multipart submission; absent when the packet embeds its files. */
  parts?: readonly UploadedPdf[];
  idempotencyKey?: string;
  correlationId: string;
}

/**
 * An edXML packet's door to the one submission path: parse it safely, turn it into the validated
 * envelope and its PDFs, then hand both to `SubmitDispatchUseCase`, so sender, secrecy,
 * recipient, idempotency and PDF rules are the JSON submission's own. The packet's bytes are not
 * kept: the dispatch is stored as its envelope and PDFs with what the packet says of its journey
 * (TraceHeaders, the sender's StaffInfo, each file's Description), and served as a packet rebuilt
 * from them.
 */
@Injectable()
export class SubmitEdxmlDispatchUseCase {
  private readonly maxBytes: number;
  private readonly maxMarkupBytes: number;
  private readonly maxFileBytes: number;

  constructor(
    private readonly submitDispatch: SubmitDispatchUseCase,
    private readonly signatures: EdxmlSignatureVerifier,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.maxBytes = edxmlPacketLimitBytes(config);
    // The XML besides the embedded base64 gets an envelope's worth, as the multipart door's packet.
    this.maxMarkupBytes = config.MAX_ENVELOPE_BYTES;
    this.maxFileBytes = config.MAX_FILE_BYTES;
  }

  async execute(command: SubmitEdxmlDispatchCommand): Promise<SubmitDispatchResult> {
    const packet = parseEdxmlPacket(command.packet, {
      maxBytes: this.maxBytes,
      maxMarkupBytes: this.maxMarkupBytes,
    });
    const envelope = edxmlToEnvelope(packet);
    // Reported, not judged: the PDFs' signatures carry the legal weight (NĐ 30/2020); the
    // packet's XML signature is shown beside them. Verified over the bytes as received.
    const envelopeSignature = isSecret(envelope)
      ? undefined
      : ((await this.signatures.verify(command.packet)) as unknown as Record<string, unknown>);
    const trace = packet.traceHeaderList;
    const submit = (files: readonly UploadedPdf[], incomingTrace?: ReceivedTraceEntry[]) =>
      this.submitDispatch.execute({
        agency: command.agency,
        envelopeField: JSON.stringify(envelope),
        files,
        idempotencyKey: command.idempotencyKey,
        correlationId: command.correlationId,
        envelopeSignature,
        // Served back as the packet came: a real axis appends its entry to the trace it got.
        incomingTrace,
        senderStaff: staffFieldsOf(trace?.business?.staffInfo),
      });
    let files: UploadedPdf[];
    let incomingTrace: ReceivedTraceEntry[] | undefined;
    try {
      const businessDocType = trace?.business?.businessDocType;
      if (businessDocType === 'recall' || businessDocType === 'update') {
        throw new EdxmlBusinessTypeUnsupportedError(businessDocType);
      }
      incomingTrace = receivedTraceOf(trace);
      files =
        command.parts === undefined
          ? await filesFromEmbeddedAttachments(packet, this.maxFileBytes)
          : await filesFromParts(packet, command.parts, this.maxFileBytes);
    } catch (error) {
      // The shared path judges secrecy and sender before the business type and files: a secret
      // or forged packet is refused (and a secret one audited) as such, whatever else it says.
      if (isSecret(envelope) || envelope.from.organId !== command.agency.agencyCode) {
        await submit([]);
      }
      throw error;
    }
    return submit(files, incomingTrace);
  }
}
