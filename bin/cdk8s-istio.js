#!/usr/bin/env node
// Entry point of the CLI; the compiled code lives in lib/ (built by `npm ci` through the prepare script).
require('../lib/src/cli/main')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`internal error: ${(error && error.stack) || error}\n`);
      process.exitCode = 70;
    },
  );
