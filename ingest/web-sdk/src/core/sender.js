// Delivery to the collector: one request in flight per tracker, so seq reaches it in order.
// 2xx: done. 429/503: the same batch again after Retry-After (default 1 s, at most 60 s).
// Network error: the same batch again after 0.5 s, doubling to 30 s. Other 4xx: the batch is
// dropped and the collector's reason reported; retrying a refused batch cannot succeed.
// On pagehide everything still queued, and the batch whose answer has not come, goes with
// navigator.sendBeacon. When the fetch did get through, the collector stores both copies (it does
// not deduplicate); the session model keeps the first of a repeated (session_id, seq) and marks the
// other DUPLICATE, so the session's figures count it once.
const GZIP_ABOVE = 1024;
const KEEPALIVE_BELOW = 60000;
const BEACON_CHUNK = 50000;

export function retryDelayMs(header) {
  if (header == null || header === '') return 1000;
  let ms = /^\s*\d+\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  if (!(ms >= 0)) ms = ms < 0 ? 0 : 1000;
  return Math.min(ms, 60000);
}

async function gzipped(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function createSender(o) {
  const { url, transport, timers, queue, stats, report } = o;
  let batch = null; // numbered beacons whose answer is awaited, or due for a retry
  let running = null;
  let waitTimer = null;
  let backoff = 0;

  async function post(events) {
    let body = JSON.stringify({ events });
    const headers = { 'Content-Type': 'text/plain;charset=UTF-8' };
    if (o.gzip && body.length > GZIP_ABOVE && typeof CompressionStream === 'function') {
      body = await gzipped(body);
      headers['Content-Encoding'] = 'gzip';
    }
    // keepalive only for bodies the browser will keep alive (64 KB quota) and that need no
    // preflight (Content-Encoding is not a CORS-safelisted header)
    const keepalive = typeof body === 'string' && body.length < KEEPALIVE_BELOW;
    return transport.fetch(url, { method: 'POST', body, headers, keepalive, credentials: 'omit' });
  }

  async function readJson(response) {
    try {
      return JSON.parse(await response.text());
    } catch (e) {
      return {};
    }
  }

  function retryIn(ms, why) {
    stats.retried++;
    report({ type: 'retry', status: why, delayMs: ms, events: batch.length });
    waitTimer = timers.setTimeout(() => {
      waitTimer = null;
      kick();
    }, ms);
  }

  async function run() {
    while (!waitTimer) {
      if (!batch) {
        if (!queue.items.length) return;
        batch = queue.take(o.maxBatchEvents);
        stats.sent += batch.length;
      }
      const mine = batch;
      let response;
      try {
        response = await post(mine);
      } catch (error) {
        if (batch !== mine) return;
        backoff = backoff ? Math.min(backoff * 2, 30000) : 500;
        stats.lastStatus = 0;
        retryIn(backoff, 'network: ' + ((error && error.message) || error));
        return;
      }
      if (batch !== mine) return; // sent by sendBeacon on pagehide meanwhile
      backoff = 0;
      const status = (stats.lastStatus = response.status);
      if (status >= 200 && status < 300) {
        stats.acknowledged += mine.length;
        batch = null;
        const answer = await readJson(response);
        if (answer.rejected > 0) {
          stats.rejected += answer.rejected;
          report({ type: 'rejected', status, rejected: answer.rejected, errors: answer.errors || [] });
        }
      } else if (status === 429 || status === 503) {
        retryIn(retryDelayMs(response.headers && response.headers.get('Retry-After')), status);
        return;
      } else {
        batch = null;
        stats.refused += mine.length;
        const answer = await readJson(response);
        report({
          type: 'refused', status, error: answer.error || 'http_' + status,
          reason: answer.reason || 'HTTP ' + status, events: mine.length, errors: answer.errors,
        });
      }
    }
  }

  function kick() {
    if (!running) running = run().finally(() => (running = null));
    return running;
  }

  // pagehide: the page is going away, no answer will be read. sendBeacon has a 64 KB quota, so
  // the beacons go in chunks; a chunk the browser refuses is reported and counted as lost.
  function beaconAll() {
    if (waitTimer) timers.clearTimeout(waitTimer);
    waitTimer = null;
    const events = (batch || []).concat(queue.take(queue.items.length));
    stats.sent += events.length - (batch ? batch.length : 0);
    batch = null;
    let chunk = [];
    let size = 0;
    const send = () => {
      if (!chunk.length) return;
      const ok = transport.sendBeacon(url, JSON.stringify({ events: chunk }));
      if (ok) stats.beaconed += chunk.length;
      else {
        stats.lost += chunk.length;
        report({ type: 'beacon_refused', events: chunk.length });
      }
      chunk = [];
      size = 0;
    };
    for (const e of events) {
      const length = JSON.stringify(e).length + 1;
      if (size + length > BEACON_CHUNK) send();
      chunk.push(e);
      size += length;
    }
    send();
  }

  return {
    kick,
    beaconAll,
    inFlight: () => (batch ? batch.length : 0),
    waiting: () => !!waitTimer,
  };
}
