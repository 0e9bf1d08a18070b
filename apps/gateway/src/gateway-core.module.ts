import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { FilesystemBlobStore } from '@docaxis/blob-store/filesystem-blob-store';
import {
  createPdfSignatureVerifier,
  PdfSignatureVerifier,
} from '@docaxis/signature/verification/pdf-signature-verifier';
import { ClientCertificateIssuers } from './auth/client-certificate-issuers';
import { ClientCertificateGuard } from './auth/client-certificate.guard';
import { CredentialCache } from './auth/credential-cache';
import { ForwardedClientCertificateVerifier } from './auth/forwarded-client-certificate.verifier';
import { PresentedCertificates } from './auth/presented-certificate';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config';
import { signatureTrustSettings } from './config/signature-trust-settings';
import { HttpDrainOnShutdown } from './http/http-drain-on-shutdown';
import { ManagementListener } from './management/management-listener';

/** What every gateway feature module shares: configuration, blob store, authentication, verifier. */
@Global()
@Module({})
export class GatewayCoreModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: BlobStore, useValue: new FilesystemBlobStore(config.BLOB_DIR) },
      ClientCertificateGuard,
      CredentialCache,
      ClientCertificateIssuers,
      ForwardedClientCertificateVerifier,
      {
        provide: PresentedCertificates,
        useValue: new PresentedCertificates(config.AGENCY_CODE_SUBJECT_OID),
      },
      HttpDrainOnShutdown,
      ManagementListener,
      {
        provide: PdfSignatureVerifier,
        useFactory: () => createPdfSignatureVerifier(signatureTrustSettings(config)),
      },
    ];
    return { module: GatewayCoreModule, providers, exports: providers };
  }
}
