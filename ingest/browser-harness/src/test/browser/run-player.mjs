// Plays runs of the harness page, one after the other, in ONE headless Debian Chromium.
// The Java side (BrowserPlayer) writes one run per line on stdin, {"id": "...", "url": "http://127.0.0.1:.../player.html?..."},
// and reads ONE JSON line per run on stdout: {"run": "<id>", "measurements": {...}} with the page's own
// measurements, or {"run": "<id>", "error": "..."} when that run failed. The browser closes at the end of stdin.
// A run with "closePage": true is a viewer closing the tab: once the page says done, the page is closed
// (pagehide and unload run, so navigator.sendBeacon goes out), and the answer adds "closedAt" (the page's
// performance.now() when it was closed, read just before).
// Progress and diagnostics go to stderr. Exits nonzero with a message when the browser cannot start.
//
// usage: node run-player.mjs '{"chromium": "/usr/bin/chromium", "timeoutMs": 90000}'
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

function log(text) {
  process.stderr.write(`run-player: ${text}\n`);
}

async function playRun(browser, run, timeoutMs, config) {
  const started = Date.now();
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      log(`[${run.id}] console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => log(`[${run.id}] page error: ${error}`));
  page.on('requestfailed', (request) => log(`[${run.id}] request failed: ${request.method()} ${request.url()}: ${request.failure() && request.failure().errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400) log(`[${run.id}] HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  try {
    await page.goto(run.url, { waitUntil: 'load' });
    const handle = await page.waitForFunction(() => window.__harness && window.__harness.done,
      null, { timeout: timeoutMs, polling: 100 });
    await handle.dispose();
    const result = await page.evaluate(() => window.__harness);
    log(`[${run.id}] done in ${Date.now() - started} ms`);
    if (!run.closePage) return { run: run.id, measurements: result.measurements };
    const closedAt = await page.evaluate(() => performance.now());
    await page.close({ runBeforeUnload: false });
    // What the page sent while it went away (sendBeacon, keepalive fetch) is finished by the browser
    // process; closing the browser context at once would cancel it.
    await new Promise((resolve) => setTimeout(resolve, config.afterCloseMs || 1000));
    log(`[${run.id}] page closed`);
    return { run: run.id, measurements: result.measurements, closedAt };
  } catch (error) {
    let progress = null;
    try {
      progress = await page.evaluate(() => window.__harnessProgress || null);
    } catch (ignored) { /* page gone */ }
    return { run: run.id, error: `failed after ${Date.now() - started} ms: ${error.message}`
      + (progress ? `; page state: ${JSON.stringify(progress)}` : '') };
  } finally {
    // closing the context unloads the page: the players' timers stop with it
    await context.close();
  }
}

async function main() {
  if (process.argv.length < 3) throw new Error('usage: node run-player.mjs \'{"chromium": "..."}\'');
  const config = JSON.parse(process.argv[2]);
  if (!config.chromium) throw new Error('config.chromium (the Chromium binary) is missing');
  const timeoutMs = config.timeoutMs || 90000;
  // This machine's network is closed: without these flags Chromium's own background connections
  // are refused, many at a time. playwright-core gives every launch a fresh empty profile of its own
  // (it refuses an explicit --user-data-dir on launch()).
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: config.chromium,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    log(`chromium ${browser.version()} started`);
    process.stdout.write(JSON.stringify({ ready: true, chromium: browser.version() }) + '\n');
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      let run;
      try {
        run = JSON.parse(line);
      } catch (error) {
        process.stdout.write(JSON.stringify({ run: null, error: `not JSON: ${line}` }) + '\n');
        continue;
      }
      process.stdout.write(JSON.stringify(await playRun(browser, run, timeoutMs, config)) + '\n');
    }
  } finally {
    if (browser) await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`run-player: FAILED: ${error && error.stack || error}\n`);
  process.exit(1);
});
