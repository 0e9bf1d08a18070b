/** One sample of a Prometheus text exposition. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusFamily {
  name: string;
  type: string;
  help: string;
  samples: PrometheusSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<string, string[]> = {
  counter: ['_total', ''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/**
 * A strict parser of the Prometheus text format 0.0.4, for tests: it throws on anything a
 * Prometheus server would reject (unknown TYPE, sample of an undeclared family or with a wrong
 * suffix, malformed labels or values, duplicate series) rather than skipping it.
 */
export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  const families = new Map<string, PrometheusFamily>();
  const seen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const where = `line ${index + 1}: ${line}`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ');
      if (keyword !== 'HELP' && keyword !== 'TYPE') return;
      if (!NAME.test(name ?? '')) throw new Error(`bad metric name, ${where}`);
      const family = families.get(name) ?? { name, type: 'untyped', help: '', samples: [] };
      if (keyword === 'TYPE') {
        if (!TYPES.has(rest[0] ?? '')) throw new Error(`unknown TYPE, ${where}`);
        family.type = rest[0];
      } else {
        family.help = rest.join(' ');
      }
      families.set(name, family);
      return;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample, ${where}`);
    const [, name, , labelText, valueText] = match;
    const family = [...families.values()].find((f) =>
      SUFFIXES[f.type].some((suffix) => `${f.name}${suffix}` === name),
    );
    if (!family) throw new Error(`sample of an undeclared family, ${where}`);
    const labels = parseLabels(labelText ?? '', where);
    if (family.type === 'histogram' && name.endsWith('_bucket') && labels.le === undefined) {
      throw new Error(`histogram bucket without le, ${where}`);
    }
    const value = parseValue(valueText, where);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`duplicate series, ${where}`);
    seen.add(key);
    family.samples.push({ name, labels, value });
  });
  return families;
}

function parseLabels(text: string, where: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`malformed labels, ${where}`);
    labels[match[1]] = match[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    rest = rest.slice(match[0].length);
  }
  return labels;
}

function parseValue(text: string, where: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value, ${where}`);
  return value;
}

/** The value of the one sample named `name` whose labels include `labels` (0 when absent). */
export function sampleValue(
  families: Map<string, PrometheusFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value)
      ) {
        return sample.value;
      }
    }
  }
  return 0;
}
