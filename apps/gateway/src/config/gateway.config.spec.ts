import { ConfigValidationError } from '@docaxis/config/config-validation.error';
import { loadGatewayConfig } from './gateway.config';

describe('gateway configuration', () => {
  it('starts with working local defaults when nothing is set', () => {
    const config = loadGatewayConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/docaxis');
    expect(config.AMQP_PREFIX).toBe('docaxis');
    expect(config.GATEWAY_PORT).toBe(8443);
    expect(config.TLS_CRL_FILES).toHaveLength(2);
    expect(config.DATABASE_MIGRATE_ON_START).toBe(true);
    expect(config.ADMISSION_MAX_PENDING_VERIFICATION).toBe(200);
    expect(config.ADMISSION_SAMPLE_INTERVAL_MS).toBe(250);
    expect(config.ADMISSION_RETRY_AFTER_SECONDS).toBe(1);
    // Webhooks: public addresses only; the TEST key npm start generates under certs/dev.
    expect(config.WEBHOOK_ALLOWED_PRIVATE_NETWORKS).toEqual([]);
    expect(config.WEBHOOK_SECRET_KEY_FILE).toMatch(
      /certs\/dev\/webhooks\/webhook-secret-key\.TEST\.b64$/,
    );
    expect(config.WEBHOOK_SECRET_PREVIOUS_KEY_FILES).toEqual([]);
  });

  it('refuses a bad environment at start-up, listing every problem with its variable', () => {
    let error: unknown;
    try {
      loadGatewayConfig({
        GATEWAY_PORT: 'eighty',
        AMQP_URL: 'http://x',
        AMQP_PREFIX: 'Bad Prefix',
        LOG_LEVEL: 'loud',
        ADMISSION_MAX_PENDING_VERIFICATION: '-1',
        ADMISSION_RETRY_AFTER_SECONDS: '0',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const variable of [
      'GATEWAY_PORT',
      'AMQP_URL',
      'AMQP_PREFIX',
      'LOG_LEVEL',
      'ADMISSION_MAX_PENDING_VERIFICATION',
      'ADMISSION_RETRY_AFTER_SECONDS',
    ])
      expect(problems).toContain(variable);
  });

  it('reconnects the inbox listener after 1 s doubling to 30 s by default, the cap not below the start', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      INBOX_LISTENER_RECONNECT_INITIAL_MS: 1000,
      INBOX_LISTENER_RECONNECT_MAX_MS: 30_000,
    });
    expect(
      loadGatewayConfig({
        INBOX_LISTENER_RECONNECT_INITIAL_MS: '500',
        INBOX_LISTENER_RECONNECT_MAX_MS: '500',
      }),
    ).toMatchObject({
      INBOX_LISTENER_RECONNECT_INITIAL_MS: 500,
      INBOX_LISTENER_RECONNECT_MAX_MS: 500,
    });
    expect(() =>
      loadGatewayConfig({
        INBOX_LISTENER_RECONNECT_INITIAL_MS: '5000',
        INBOX_LISTENER_RECONNECT_MAX_MS: '1000',
      }),
    ).toThrow(/INBOX_LISTENER_RECONNECT_MAX_MS/);
    expect(() => loadGatewayConfig({ INBOX_LISTENER_RECONNECT_INITIAL_MS: '0' })).toThrow(
      /INBOX_LISTENER_RECONNECT_INITIAL_MS/,
    );
  });

  it('keeps trusted-proxy mode off by default, and needs the proxies when it is on', () => {
    const defaults = loadGatewayConfig({});
    expect(defaults.TRUSTED_PROXY_CERT_HEADER).toBe('');
    expect(defaults.TRUSTED_PROXY_ADDRESSES).toEqual([]);
    expect(() => loadGatewayConfig({ TRUSTED_PROXY_CERT_HEADER: 'X-SSL-Client-Cert' })).toThrow(
      /TRUSTED_PROXY_ADDRESSES/,
    );
    expect(() => loadGatewayConfig({ TRUSTED_PROXY_ADDRESSES: '10.0.0.0/33' })).toThrow(
      /TRUSTED_PROXY_ADDRESSES/,
    );
    const on = loadGatewayConfig({
      TRUSTED_PROXY_CERT_HEADER: 'X-SSL-Client-Cert',
      TRUSTED_PROXY_ADDRESSES: '10.0.0.5, 10.1.0.0/16,::1',
    });
    expect(on.TRUSTED_PROXY_CERT_HEADER).toBe('x-ssl-client-cert');
    expect(on.TRUSTED_PROXY_ADDRESSES).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
  });

  it('puts health and metrics on a management listener of their own, on loopback by default', () => {
    const defaults = loadGatewayConfig({ HOST: '0.0.0.0' });
    expect(defaults.GATEWAY_MANAGEMENT_PORT).toBe(9100);
    // Opening the API to the agencies' network does not open the operational data with it.
    expect(defaults.MANAGEMENT_HOST).toBe('127.0.0.1');
    const set = loadGatewayConfig({ GATEWAY_MANAGEMENT_PORT: '9200', MANAGEMENT_HOST: '10.0.0.7' });
    expect(set).toMatchObject({ GATEWAY_MANAGEMENT_PORT: 9200, MANAGEMENT_HOST: '10.0.0.7' });
  });

  it('refuses a management port that is not a port or is the API port', () => {
    expect(() => loadGatewayConfig({ GATEWAY_MANAGEMENT_PORT: '70000' })).toThrow(
      /GATEWAY_MANAGEMENT_PORT/,
    );
    expect(() => loadGatewayConfig({ GATEWAY_MANAGEMENT_PORT: 'nine' })).toThrow(
      /GATEWAY_MANAGEMENT_PORT/,
    );
    expect(() =>
      loadGatewayConfig({ GATEWAY_PORT: '8443', GATEWAY_MANAGEMENT_PORT: '8443' }),
    ).toThrow(/GATEWAY_MANAGEMENT_PORT.*must differ from GATEWAY_PORT/);
    // 0 (a free port each, as in tests) is not a clash.
    expect(() =>
      loadGatewayConfig({ GATEWAY_PORT: '0', GATEWAY_MANAGEMENT_PORT: '0' }),
    ).not.toThrow();
  });
});
