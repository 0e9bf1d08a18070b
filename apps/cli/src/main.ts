#!/usr/bin/env node
import { run } from './cli-program';

void run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then((code) => {
  // exitCode, not exit(): lets stdout drain when it is a pipe.
  process.exitCode = code;
});
