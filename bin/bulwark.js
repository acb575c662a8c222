#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: node runs this file as is */
// In a source checkout (cli/main.ts sits next to bin/) run the TypeScript sources through tsx, so
// `npm run synth` needs no build and a stale lib/ from an earlier build can never shadow newer
// sources. An installed package ships lib/ and no sources, so it runs the compiled CLI.
const path = require('path');
const fs = require('fs');

const root = path.join(__dirname, '..');
const sources = path.join(root, 'cli', 'main.ts');
if (fs.existsSync(sources)) {
  require('tsx/cjs');
  require(sources).main(process.argv);
} else {
  require(path.join(root, 'lib', 'cli', 'main.js')).main(process.argv);
}
