import type { GatewayConfig } from '../config/gateway.config';

/**
 * The largest edXML packet POST /dispatches reads: one file's worth of attachments in base64
 * (4 bytes per 3) plus an envelope's worth of XML. Derived from the multipart limits so both
 * doors admit about the same document; a dedicated setting would belong in the gateway config.
 */
export function edxmlPacketLimitBytes(
  config: Pick<GatewayConfig, 'MAX_FILE_BYTES' | 'MAX_ENVELOPE_BYTES'>,
): number {
  return Math.ceil(config.MAX_FILE_BYTES / 3) * 4 + config.MAX_ENVELOPE_BYTES;
}
