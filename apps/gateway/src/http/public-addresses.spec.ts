import { publicAddressesLine } from './public-addresses';

describe('publicAddressesLine', () => {
  it('names the API, the console and the OpenAPI page on the origin the gateway listens on', () => {
    expect(publicAddressesLine('https://127.0.0.1:8443')).toBe(
      'API (mutual TLS) on https://127.0.0.1:8443/api/v1, web console on https://127.0.0.1:8443/console/, ' +
        'OpenAPI on https://127.0.0.1:8443/api/docs',
    );
    expect(publicAddressesLine('https://[::1]:8443/')).toMatch(
      /^API \(mutual TLS\) on https:\/\/\[::1\]:8443\/api\/v1, /,
    );
  });
});
