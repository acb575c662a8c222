/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: node runs this file as is */
// Entry point cdk8s-cli `require`s from this repository's cdk8s.yaml (it loads plain JavaScript):
// the TypeScript source through tsx whenever it is present, so a stale lib/ never shadows it.
// Installed packages point cdk8s.yaml at lib/api/cdk8s-validation.js instead (no sources ship).
const path = require('path');
const fs = require('fs');

const source = path.join(__dirname, 'cdk8s-validation.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs');
  module.exports = require(source);
} else {
  module.exports = require(
    path.join(__dirname, '..', '..', 'lib', 'policies', 'adapters', 'cdk8s-validation.js'),
  );
}
