#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build`, which `npm ci` / `npm install` run through `prepare`.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('setdiba: not built yet. Run `npm run build` (or `npm ci`) first.\n');
  process.exit(2);
}
require(entry);
