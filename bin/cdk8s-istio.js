#!/usr/bin/env node
// Entry point of the CLI. The compiled code in lib/ ships in the npm package; in a checkout, `npm ci` builds it
// through the prepare script.
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
