#!/usr/bin/env node
// Runs the compiled CLI when the package has been built (consumers), and the TypeScript sources
// through tsx otherwise (this repository), so `npm run synth` needs no build step.
const path = require('path');
const fs = require('fs');

const compiled = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require(compiled).main(process.argv);
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'cli', 'main.ts')).main(process.argv);
}
