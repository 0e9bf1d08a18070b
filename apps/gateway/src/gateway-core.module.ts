import { type DynamicModule, Global, Module } from '@nestjs/common';
import { BlobStore } from '@docaxis/blob-store/blob-store';
import { FilesystemBlobStore } from '@docaxis/blob-store/filesystem-blob-store';
import { ClientCertificateGuard } from './auth/client-certificate.guard';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway.config';

/** What every gateway feature module shares: configuration, blob store, authentication. */
@Global()
@Module({})
export class GatewayCoreModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: BlobStore, useValue: new FilesystemBlobStore(config.BLOB_DIR) },
      ClientCertificateGuard,
    ];
    return { module: GatewayCoreModule, providers, exports: providers };
  }
}
