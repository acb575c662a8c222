// Entry point cdk8s-cli `require`s from cdk8s.yaml (it loads plain JavaScript): the compiled
// plugin when the package is built, the TypeScript source through tsx in this repository.
const path = require('path');
const fs = require('fs');

const compiled = path.join(__dirname, '..', '..', 'lib', 'policies', 'adapters', 'cdk8s-validation.js');
if (fs.existsSync(compiled)) {
  module.exports = require(compiled);
} else {
  require('tsx/cjs');
  module.exports = require('./cdk8s-validation.ts');
}
