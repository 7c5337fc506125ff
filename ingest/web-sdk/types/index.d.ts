// Types of @openqoe/web-sdk: the core and every adapter (dist/openqoe.mjs, and window.OpenQoe of
// dist/openqoe.min.js).
export * from './core';
export { hlsjs, dashjs, shaka } from './adapters';
