import type { OpenAPIObject } from '@nestjs/swagger';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createOfflineGatewayOpenApiDocument } from './offline-openapi-document';
import { temporaryDirectories } from '@docaxis/testing/temporary-directories';

const temporaryDirectory = temporaryDirectories();

type Operation = {
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

const VALIDATE = `require('@apidevtools/swagger-parser').validate(process.argv[1]).then(
  (api) => console.log('valid: ' + api.info.title),
  (error) => { console.error(error.message); process.exit(1); })`;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(document: OpenAPIObject): { route: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Record<string, unknown>)[m] !== undefined).map((method) => ({
      route: `${method.toUpperCase()} ${path}`,
      operation: (item as Record<string, Operation>)[method],
    })),
  );
}

describe('gateway OpenAPI document', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await createOfflineGatewayOpenApiDocument();
  });

  it('is a valid OpenAPI document (swagger-parser)', async () => {
    // swagger-parser's dependencies are ES modules that Jest's CommonJS runtime cannot load;
    // plain Node can, so the validator runs in a child process, as `npm run openapi` does.
    const file = join(temporaryDirectory('docaxis-openapi-'), 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', VALIDATE, file], {
      cwd: process.cwd(),
    });
    expect(stdout.trim()).toBe('valid: docaxis gateway');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/dispatches',
        '/api/v1/inbox',
        '/api/v1/inbox/ack',
        '/api/v1/verify',
      ]),
    );
  });

  // Fails when someone adds a route without @ApiOperation, a success response or
  // @ApiErrorResponses: every route must tell clients what it answers, errors included.
  it('documents every route: summary, a success response and the error body', () => {
    const undocumented: string[] = [];
    for (const { route, operation } of operations(document)) {
      const statuses = Object.keys(operation.responses);
      if (!operation.summary) undocumented.push(`${route}: no @ApiOperation({ summary })`);
      if (!statuses.some((s) => /^2\d\d$/.test(s))) {
        undocumented.push(`${route}: no success response`);
      }
      const serverError = JSON.stringify(operation.responses['500']?.content ?? {});
      if (!serverError.includes('#/components/schemas/ErrorBodyDto')) {
        undocumented.push(`${route}: no @ApiErrorResponses (error codes and the error body)`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('lists the stable error codes of a route with the common error body shape', () => {
    const submit = document.paths['/api/v1/dispatches'].post as unknown as Operation;
    const unprocessable = JSON.stringify(submit.responses['422']);
    expect(unprocessable).toContain('CONFIDENTIAL_DOCUMENT_REFUSED');
    expect(unprocessable).toContain('#/components/schemas/ErrorBodyDto');
    expect(JSON.stringify(submit.responses['401'])).toContain('CLIENT_CERTIFICATE_REQUIRED');
    // Backpressure: a busy axis refuses new submissions and says when to come back.
    const busy = submit.responses['503'] as { headers?: Record<string, unknown> };
    expect(JSON.stringify(busy)).toContain('SUBMISSION_BACKLOG_FULL');
    expect(busy.headers?.['Retry-After']).toBeDefined();
    expect(document.components?.schemas?.ErrorBodyDto).toBeDefined();
  });

  it("documents the language of a dispatch's rejection reason: ?lang, its refusal, Content-Language", () => {
    const read = document.paths['/api/v1/dispatches/{id}'].get as unknown as Operation & {
      parameters: { name: string; in: string; schema?: { enum?: string[] } }[];
    };
    const lang = read.parameters.find((parameter) => parameter.name === 'lang');
    expect(lang).toMatchObject({ in: 'query', schema: { enum: ['vi', 'en'] } });
    expect(JSON.stringify(read.responses['400'])).toContain('REPORT_LANGUAGE_INVALID');
    const ok = read.responses['200'] as { headers?: Record<string, unknown> };
    expect(ok.headers?.['Content-Language']).toBeDefined();
  });

  it('documents the audit export headers, the verification scope format included', () => {
    const exported = document.paths['/api/v1/audit/export'].get as unknown as Operation;
    const ok = exported.responses['200'] as { headers?: Record<string, { description: string }> };
    expect(Object.keys(ok.headers ?? {})).toEqual([
      'X-Audit-Chain-Head',
      'X-Audit-Checkpoint',
      'X-Audit-Verified',
      'X-Audit-Verification-Scope',
    ]);
    expect(ok.headers?.['X-Audit-Verification-Scope'].description).toContain(
      'from=checkpoint; checkpoint=30; reverified=30-40; not-reverified=1-29',
    );
  });
});
