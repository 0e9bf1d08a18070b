import { Logger } from '@nestjs/common';
import { ParameterFreeQueryLogger } from './parameter-free-query-logger';

describe('ParameterFreeQueryLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a failed query without its parameters', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new ParameterFreeQueryLogger().logQueryError(
      new Error('duplicate key value violates unique constraint "uq_dispatches_number"'),
      'INSERT INTO "dispatches"("subject") VALUES ($1)',
      ['V/v bí mật nội dung văn bản'],
    );
    expect(error).toHaveBeenCalledTimes(1);
    const logged = JSON.stringify(error.mock.calls[0]);
    expect(logged).toContain('uq_dispatches_number');
    expect(logged).toContain('INSERT INTO');
    expect(logged).not.toContain('bí mật');
  });
});
