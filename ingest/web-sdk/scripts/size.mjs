// npm run size: the core, minified and gzipped, must stay under 8 KB (issue 18); prints the figures.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 8192;
const figure = (file) => {
  const bytes = readFileSync(file);
  return { file, min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const core = figure('dist/core.min.mjs');
for (const f of [core, figure('dist/openqoe.min.js')]) {
  console.log(`${f.file}: ${f.min} bytes minified, ${f.gzip} bytes gzipped`);
}
if (core.gzip > BUDGET) {
  console.error(`core is ${core.gzip} bytes minified and gzipped, over the budget of ${BUDGET} bytes`);
  process.exit(1);
}
console.log(`core within budget: ${core.gzip} of ${BUDGET} bytes`);
