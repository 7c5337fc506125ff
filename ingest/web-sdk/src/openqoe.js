// Everything in one module: the core and every adapter (dist/openqoe.mjs, dist/openqoe.min.js).
export { createTracker } from './index.js';
export { html5 } from './adapters/html5.js';
export { hlsjs } from './adapters/hlsjs.js';
export { dashjs } from './adapters/dashjs.js';
export { shaka } from './adapters/shaka.js';
