import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createOfflineGatewayOpenApiDocument } from './offline-openapi-document';

/**
 * `npm run openapi [-- <file>]`: writes the gateway's OpenAPI document (default
 * docs/openapi.json) for client generators, after validating it. Needs no running service.
 */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'docs/openapi.json');
  const document = await createOfflineGatewayOpenApiDocument();
  await SwaggerParser.validate(structuredClone(document) as never);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document written to ${out} (${Object.keys(document.paths).length} paths)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
