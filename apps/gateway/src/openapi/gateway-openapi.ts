import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto, ErrorDto } from './error-body.dto';

/** Where the gateway serves the interactive documentation (and `<path>-json` the document). */
export const OPENAPI_DOCS_PATH = 'api/docs';

const DESCRIPTION = `The HTTP API of the docaxis document axis (Trục liên thông văn bản).

Every call is made over mutual TLS: the agency system presents its client certificate, issued by
the dedicated government CA, and the agency code (mã định danh) is read from the certificate
subject, never from the request. Errors always have the shape
\`{"error": {"code": "STABLE_CODE", "message": "…", "details": {…}}}\`; a 5xx carries an \`errorId\`
that is also in the server log. The message is in Vietnamese by default and in English with
\`?lang=en\` or \`Accept-Language: en\` (\`Content-Language\` says which); the code never changes. Send \`X-Correlation-Id\` to follow a request through the axis'
logs; the gateway echoes the one it used.`;

/** The OpenAPI document of every route the gateway app has mounted. */
export function createGatewayOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('docaxis gateway')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .addTag('dispatches', 'Văn bản điện tử: send, read, download and acknowledge dispatches')
    .addTag('inbox', 'What was delivered to the calling agency')
    .addTag('trail', 'The audit timeline of a dispatch')
    .addTag('verification', 'Signature verification of PDFs for clerks')
    .addTag('directory', 'Danh bạ cơ quan: agencies and their client certificates (administrators)')
    .addTag('me', 'Who the client certificate belongs to (the web console starts here)')
    .addGlobalParameters({
      in: 'header',
      name: 'X-Correlation-Id',
      required: false,
      description: 'Your id for this request (8–64 of A-Z a-z 0-9 . _ : -); generated when absent.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,64}$' },
    })
    .build();
  return SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodyDto, ErrorDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Serves the documentation UI at /api/docs and the JSON document at /api/docs-json. */
export function serveGatewayOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, () => createGatewayOpenApiDocument(app), {
    jsonDocumentUrl: `${OPENAPI_DOCS_PATH}/openapi.json`,
  });
}
