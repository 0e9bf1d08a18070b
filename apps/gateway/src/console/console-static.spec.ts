import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { serveConsole } from './console-static';

@Module({})
class NoRoutesModule {}

describe('the console route when the console is not built', () => {
  let app: NestExpressApplication;
  let consoleDir: string;

  beforeAll(async () => {
    consoleDir = await mkdtemp(join(tmpdir(), 'docaxis-console-'));
    app = await NestFactory.create<NestExpressApplication>(NoRoutesModule, { logger: false });
    serveConsole(app, consoleDir);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await rm(consoleDir, { recursive: true, force: true });
  });

  it('answers 404 CONSOLE_NOT_BUILT in Vietnamese by default', async () => {
    const response = await request(app.getHttpServer()).get('/console/inbox');
    expect(response.status).toBe(404);
    expect(response.headers['content-language']).toBe('vi');
    expect(response.body).toEqual({
      error: {
        code: 'CONSOLE_NOT_BUILT',
        message: `Giao diện web chưa được dựng trong thư mục ${consoleDir}: hãy chạy lệnh npm run build:console.`,
      },
    });
  });

  it.each([
    ['?lang=en', '/console/inbox?lang=en', {}],
    ['Accept-Language: en', '/console/inbox', { 'accept-language': 'en' }],
  ])('answers in English on %s', async (_, path, headers) => {
    const response = await request(app.getHttpServer()).get(path).set(headers);
    expect(response.status).toBe(404);
    expect(response.headers['content-language']).toBe('en');
    expect(response.body.error.message).toBe(
      `The web console is not built in ${consoleDir}: run npm run build:console.`,
    );
  });
});
