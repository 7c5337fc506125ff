// npm run build: the files package.json's exports name, from src/ (esbuild, ES2020).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
const common = { bundle: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };
const adapters = ['html5', 'hlsjs', 'dashjs', 'shaka'];

await Promise.all([
  // ES module: core and every adapter, readable
  build({ ...common, entryPoints: ['src/openqoe.js'], format: 'esm', outfile: 'dist/openqoe.mjs' }),
  // script tag: window.OpenQoe with the same exports
  build({ ...common, entryPoints: ['src/openqoe.js'], format: 'iife', globalName: 'OpenQoe', minify: true, outfile: 'dist/openqoe.min.js' }),
  // the core alone, minified: what `npm run size` holds to its budget
  build({ ...common, entryPoints: ['src/index.js'], format: 'esm', minify: true, outfile: 'dist/core.min.mjs' }),
  // each adapter alone, for pages that import the core and one adapter
  ...adapters.map((name) => build({ ...common, entryPoints: [`src/adapters/${name}.js`], format: 'esm', outfile: `dist/adapters/${name}.mjs` })),
]);
