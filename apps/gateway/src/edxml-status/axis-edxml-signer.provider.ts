import type { Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { EdxmlSigner } from '@docaxis/edxml/signature/edxml-signer';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway.config';

/** The axis' XML signer, built once at start-up so a missing key stops the gateway early. */
export const axisEdxmlSignerProvider: Provider = {
  provide: EdxmlSigner,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig) => {
    const read = (file: string, what: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        throw new Error(`Cannot read the axis signing ${what} at ${file} (npm run certs:dev).`);
      }
    };
    return new EdxmlSigner({
      certPem: read(config.AXIS_SIGNING_CERT_FILE, 'certificate'),
      keyPem: read(config.AXIS_SIGNING_KEY_FILE, 'key'),
    });
  },
};
