import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AXIS_APP_NODE_FLAGS } from '../../scripts/axis-app-launch';

const ROOT = resolve(__dirname, '../..');

describe('Dockerfile', () => {
  it('runs the apps with the Node flags npm start and the benchmark use', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const nodeOptions = /^ENV NODE_OPTIONS=(.*)$/m.exec(dockerfile)?.[1];
    expect(nodeOptions?.split(' ')).toEqual([...AXIS_APP_NODE_FLAGS]);
  });
});
