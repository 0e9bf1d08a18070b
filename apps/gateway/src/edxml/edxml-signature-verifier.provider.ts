import type { Provider } from '@nestjs/common';
import { EdxmlSignatureVerifier } from '@docaxis/edxml/signature/edxml-signature-verifier';
import { loadTrustConfiguration } from '@docaxis/signature/verification/trust-configuration';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';
import { signatureTrustSettings } from '../config/signature-trust-settings';

/** Verifies submitted packets' XML signatures with the same trust store and profile as PDFs. */
export const edxmlSignatureVerifierProvider: Provider = {
  provide: EdxmlSignatureVerifier,
  inject: [GATEWAY_CONFIG],
  useFactory: async (config: GatewayConfig) => {
    const settings = signatureTrustSettings(config);
    return new EdxmlSignatureVerifier({
      ...(await loadTrustConfiguration(settings)),
      profile: settings.profile,
      // Only a packet the edXML reader took is verified; the same bound, checked again.
      maxMarkupBytes: config.MAX_ENVELOPE_BYTES,
    });
  },
};
