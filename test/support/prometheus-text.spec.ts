import { parsePrometheusText, sampleValue } from './prometheus-text';

describe('parsePrometheusText (strict)', () => {
  const good = [
    '# HELP docaxis_deliveries_total Deliveries',
    '# TYPE docaxis_deliveries_total counter',
    'docaxis_deliveries_total{app="router"} 3',
    '# TYPE docaxis_latency_seconds histogram',
    'docaxis_latency_seconds_bucket{le="0.5",app="router"} 1',
    'docaxis_latency_seconds_bucket{le="+Inf",app="router"} 2',
    'docaxis_latency_seconds_sum{app="router"} 1.25',
    'docaxis_latency_seconds_count{app="router"} 2',
    '# TYPE g gauge',
    'g{path="a\\"b"} NaN',
  ].join('\n');

  it('reads families, labels and values', () => {
    const families = parsePrometheusText(good);
    expect(families.get('docaxis_deliveries_total')).toMatchObject({ type: 'counter' });
    expect(sampleValue(families, 'docaxis_deliveries_total', { app: 'router' })).toBe(3);
    expect(sampleValue(families, 'docaxis_latency_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(families.get('g')!.samples[0].labels.path).toBe('a"b');
  });

  it.each([
    ['an undeclared family', 'x_total 1'],
    ['a malformed label', '# TYPE x counter\nx{a=1} 1'],
    ['a bad value', '# TYPE x gauge\nx one'],
    ['an unknown type', '# TYPE x meter'],
    ['a duplicate series', '# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket{a="1"} 1'],
  ])('refuses %s', (_what, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
