import { Controller, Get } from '@nestjs/common';
import { LegacyRouteConverter } from '@nestjs/core/router/legacy-route-converter';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { LoggingModule } from './logging.module';

@Controller('dispatches')
class ProbeController {
  @Get()
  list(): string[] {
    return [];
  }
}

describe('LoggingModule', () => {
  afterEach(() => jest.restoreAllMocks());

  it('starts under a global prefix without a legacy route warning (npm start printed two)', async () => {
    const warning = jest.spyOn(LegacyRouteConverter, 'printWarning');
    const module = await Test.createTestingModule({
      imports: [LoggingModule.forRoot({ appName: 'gateway', level: 'silent', pretty: false })],
      controllers: [ProbeController],
    }).compile();
    const app = module.createNestApplication({ logger: false });
    app.setGlobalPrefix('api/v1');
    await app.init();
    try {
      expect(warning.mock.calls).toEqual([]);
      // The request logger still runs on every API route (it echoes the correlation id).
      const answer = await request(app.getHttpServer())
        .get('/api/v1/dispatches')
        .set('X-Correlation-Id', 'newcomer-trial-1');
      expect(answer.status).toBe(200);
      expect(answer.headers['x-correlation-id']).toBe('newcomer-trial-1');
    } finally {
      await app.close();
    }
  });
});
