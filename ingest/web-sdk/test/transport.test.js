// Delivery: batching, one request in flight, retries honouring Retry-After, backoff, the bounded
// queue, refusals with the collector's reason, gzip, and sendBeacon on pagehide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { retryDelayMs } from '../src/core/sender.js';
import { setup, start } from './fakes.js';

const types = (events) => events.map((e) => e.type);
const seqs = (events) => events.map((e) => e.seq);

test('POST <collector>/v1/beacons?k=<key> as text/plain, keepalive, body {events}', async () => {
  const f = setup();
  start(f);
  await f.tracker.flush();
  const [request] = f.transport.requests;
  assert.equal(request.url, 'http://127.0.0.1:8480/v1/beacons?k=dev%20key');
  assert.equal(request.init.method, 'POST');
  assert.equal(request.init.headers['Content-Type'], 'text/plain;charset=UTF-8');
  assert.equal(request.init.headers['Content-Encoding'], undefined);
  assert.equal(request.init.keepalive, true);
  assert.equal(typeof request.init.body, 'string');
  assert.deepEqual(types(request.events), ['play_request', 'first_frame']);
});

test('events wait at most maxBatchDelayMs to share a request, or go when maxBatchEvents are queued', async () => {
  const f = setup({ maxBatchDelayMs: 1000, maxBatchEvents: 4 });
  start(f);
  await f.clock.advance(999);
  assert.equal(f.transport.requests.length, 0);
  await f.clock.advance(1);
  assert.equal(f.transport.requests.length, 1);
  f.video.pause();
  f.video.play();
  f.video.pause();
  assert.equal(f.transport.requests.length, 1);
  f.video.play(); // the fourth queued event
  await f.clock.advance(0);
  assert.equal(f.transport.requests.length, 2);
  assert.deepEqual(types(f.transport.requests[1].events), ['pause', 'resume', 'pause', 'resume']);
});

test('one request in flight: the next batch goes only after the answer, numbered after it', async () => {
  const f = setup({ maxBatchEvents: 2 });
  let release;
  f.transport.hold = new Promise((resolve) => (release = resolve));
  start(f); // two events: the first batch goes at once
  await f.clock.advance(0);
  f.video.pause();
  f.video.play();
  await f.clock.advance(5000);
  assert.equal(f.transport.requests.length, 1, 'the second batch waits for the first answer');
  f.transport.hold = null;
  release();
  await f.tracker.flush();
  assert.equal(f.transport.requests.length, 2);
  assert.deepEqual(seqs(f.transport.requests[1].events), [2, 3]);
});

test('503 with Retry-After: the same batch again after that many seconds, not before', async () => {
  const f = setup();
  f.transport.answers.push({ status: 503, headers: { 'Retry-After': '5' }, body: { error: 'kafka_unavailable', reason: 'Kafka did not acknowledge' } });
  start(f);
  await f.tracker.flush();
  assert.equal(f.transport.requests.length, 1);
  await f.clock.advance(4999);
  assert.equal(f.transport.requests.length, 1);
  await f.clock.advance(1);
  assert.equal(f.transport.requests.length, 2);
  assert.deepEqual(f.transport.requests[1].events, f.transport.requests[0].events, 'same beacons, same seq');
  assert.equal(f.tracker.stats().retried, 1);
  assert.equal(f.tracker.stats().acknowledged, 2);
  const retry = f.diagnostics.find((d) => d.type === 'retry');
  assert.deepEqual([retry.status, retry.delayMs, retry.events], [503, 5000, 2]);
});

test('429 without a readable Retry-After waits the default second; a long Retry-After is capped at 60 s', async () => {
  const f = setup({ heartbeatIntervalMs: 0 });
  f.transport.answers.push({ status: 429 }, { status: 503, headers: { 'Retry-After': '3600' } });
  start(f);
  await f.tracker.flush();
  await f.clock.advance(999);
  assert.equal(f.transport.requests.length, 1);
  await f.clock.advance(1);
  assert.equal(f.transport.requests.length, 2);
  await f.clock.advance(59999);
  assert.equal(f.transport.requests.length, 2);
  await f.clock.advance(1);
  assert.equal(f.transport.requests.length, 3);
  assert.equal(f.transport.requests[2].status, 200);
  assert.deepEqual(seqs(f.transport.requests[2].events), [0, 1]);
});

test('Retry-After: seconds, an HTTP date, garbage', () => {
  assert.equal(retryDelayMs('2'), 2000);
  assert.equal(retryDelayMs(null), 1000);
  assert.equal(retryDelayMs('soon'), 1000);
  assert.equal(retryDelayMs('999'), 60000);
  assert.equal(retryDelayMs(new Date(Date.now() - 5000).toUTCString()), 0);
  const inTen = retryDelayMs(new Date(Date.now() + 10000).toUTCString());
  assert.ok(inTen > 8000 && inTen <= 10000, String(inTen));
});

test('network errors back off from 0.5 s, doubling, and the backoff resets after an answer', async () => {
  const f = setup();
  f.transport.answers.push({ network: true }, { network: true }, { network: true }, { status: 200 }, { network: true });
  start(f);
  await f.tracker.flush();
  const times = [];
  for (let i = 0; i < 5000 && f.transport.requests.length < 4; i += 50) {
    const before = f.transport.requests.length;
    await f.clock.advance(50);
    if (f.transport.requests.length > before) times.push(i + 50);
  }
  assert.deepEqual(times, [500, 1500, 3500], 'retries 0.5 s, 1 s and 2 s apart');
  f.video.pause();
  await f.tracker.flush();
  await f.clock.advance(499);
  assert.equal(f.transport.requests.length, 5);
  await f.clock.advance(1);
  assert.equal(f.transport.requests.length, 6, 'back to 0.5 s after a success');
  assert.equal(f.diagnostics.find((d) => d.type === 'retry').status, 'network: Failed to fetch');
});

test('the bounded queue drops the oldest heartbeats first, never play_request/first_frame/error/end, and leaves no seq gap', async () => {
  const f = setup({ maxQueuedEvents: 6, maxBatchEvents: 2, heartbeatIntervalMs: 1000 });
  // the collector is down for a minute: the first batch is retried, everything else queues
  for (let i = 0; i < 60; i++) f.transport.answers.push({ status: 503, headers: { 'Retry-After': '60' } });
  start(f); // play_request, first_frame: the batch in flight
  await f.clock.advance(3500); // three heartbeats queue
  f.tracker.error('fragLoadError');
  f.video.pause();
  f.video.play();
  f.video.pause(); // queue over the bound: heartbeats go first, then the oldest pause/resume
  f.tracker.error('bufferAppendError', { fatal: true });
  const stats = f.tracker.stats();
  assert.equal(stats.droppedHeartbeats, 3);
  assert.equal(stats.droppedEvents, 1);
  assert.equal(stats.queued, 6);
  f.transport.answers.length = 0;
  await f.clock.advance(60000);
  await f.tracker.flush();
  const delivered = f.transport.delivered();
  assert.deepEqual(types(delivered), ['play_request', 'first_frame', 'error', 'resume', 'pause', 'error']);
  assert.deepEqual(seqs(delivered), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(f.diagnostics.filter((d) => d.type === 'dropped').map((d) => d.event),
    ['heartbeat', 'heartbeat', 'heartbeat', 'pause']);
});

test('a full queue of outcome beacons keeps them all, over the bound', async () => {
  const f = setup({ maxQueuedEvents: 2, maxBatchEvents: 1 });
  f.transport.answers.push({ status: 503, headers: { 'Retry-After': '10' } });
  f.tracker.playRequested();
  f.tracker.error('a');
  f.tracker.error('b');
  f.tracker.end();
  assert.equal(f.tracker.stats().droppedEvents, 0);
  assert.equal(f.tracker.stats().queued, 4);
  await f.clock.advance(10000);
  await f.tracker.flush();
  assert.deepEqual(types(f.transport.delivered()), ['play_request', 'error', 'error', 'end']);
});

test('a refusal drops the batch, is not retried, and is reported with the collector reason and one console warning', async (t) => {
  const warnings = [];
  t.mock.method(console, 'warn', (message) => warnings.push(message));
  const f = setup({ heartbeatIntervalMs: 0 });
  const refusal = { status: 401, body: { error: 'unknown_ingest_key', reason: 'ingest key missing or unknown' } };
  f.transport.answers.push(refusal, { ...refusal });
  start(f);
  await f.tracker.flush();
  f.video.pause();
  await f.tracker.flush();
  await f.clock.advance(120000);
  assert.equal(f.transport.requests.length, 2, 'refused batches are not retried');
  const refused = f.diagnostics.filter((d) => d.type === 'refused');
  assert.equal(refused.length, 2);
  assert.deepEqual([refused[0].status, refused[0].error, refused[0].reason, refused[0].events],
    [401, 'unknown_ingest_key', 'ingest key missing or unknown', 2]);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /ingest key missing or unknown/);
  assert.equal(f.tracker.stats().refused, 3);
  assert.equal(f.tracker.stats().lastStatus, 401);
});

test('a 200 that rejected some events reports which and why', async (t) => {
  t.mock.method(console, 'warn', () => {});
  const f = setup();
  const errors = [{ index: 1, field: 'bitrate_kbps', reason: "field 'bitrate_kbps': must be an integer > 0" }];
  f.transport.answers.push({ status: 200, body: { accepted: 1, rejected: 1, errors } });
  start(f);
  await f.tracker.flush();
  const rejected = f.diagnostics.find((d) => d.type === 'rejected');
  assert.deepEqual([rejected.rejected, rejected.errors], [1, errors]);
  assert.equal(f.tracker.stats().rejected, 1);
});

test('bodies over 1 KB are gzipped (Content-Encoding: gzip), smaller ones are not', async () => {
  const f = setup({ maxBatchEvents: 20 });
  start(f);
  await f.tracker.flush();
  for (let i = 0; i < 10; i++) f.video.pause(), f.video.play();
  await f.tracker.flush();
  const [small, big] = f.transport.requests;
  assert.equal(typeof small.init.body, 'string');
  assert.ok(small.init.body.length < 1024);
  assert.equal(big.init.headers['Content-Encoding'], 'gzip');
  assert.equal(big.init.keepalive, false);
  const text = gunzipSync(Buffer.from(big.init.body)).toString('utf8');
  assert.ok(text.length > 1024, String(text.length));
  assert.ok(big.init.body.length < text.length);
  assert.deepEqual(seqs(JSON.parse(text).events), [...Array(20).keys()].map((i) => i + 2));
});

test('gzip: false sends plain text whatever the size', async () => {
  const f = setup({ gzip: false });
  start(f);
  for (let i = 0; i < 10; i++) f.video.pause(), f.video.play();
  await f.tracker.flush();
  const big = f.transport.requests.find((r) => r.events.length === 20);
  assert.equal(typeof big.init.body, 'string');
  assert.ok(big.init.body.length > 1024, String(big.init.body.length));
  assert.equal(big.init.headers['Content-Encoding'], undefined);
});

test('pagehide: end appended and everything queued sent with sendBeacon, also the batch whose answer has not come', async () => {
  const f = setup();
  f.transport.hold = new Promise(() => {}); // the first request never answers
  f.video.play();
  await f.clock.advance(1000); // play_request in flight
  f.video.presentFrame();
  f.video.pause();
  f.window.dispatchEvent(new Event('pagehide'));
  assert.equal(f.transport.beacons.length, 1);
  const [beacon] = f.transport.beacons;
  assert.equal(beacon.url, 'http://127.0.0.1:8480/v1/beacons?k=dev%20key');
  assert.deepEqual(types(beacon.events), ['play_request', 'first_frame', 'pause', 'end']);
  assert.deepEqual(seqs(beacon.events), [0, 1, 2, 3]);
  assert.equal(f.tracker.stats().beaconed, 4);
  await f.clock.advance(60000);
  assert.equal(f.transport.requests.length, 1, 'nothing more after the page left');
});

test('pagehide during startup delivers play_request and end: an exit before the first frame is seen', async () => {
  const f = setup();
  f.video.play();
  f.window.dispatchEvent(new Event('pagehide'));
  assert.deepEqual(types(f.transport.beacons[0].events), ['play_request', 'end']);
  assert.equal(f.transport.requests.length, 0);
});

test('pagehide before any play request sends nothing', async () => {
  const f = setup();
  f.window.dispatchEvent(new Event('pagehide'));
  assert.equal(f.transport.beacons.length, 0);
});

test('a sendBeacon the browser refuses is reported and counted as lost', async () => {
  const f = setup();
  f.transport.beaconAccepts = false;
  f.video.play();
  f.window.dispatchEvent(new Event('pagehide'));
  assert.equal(f.tracker.stats().lost, 2);
  assert.deepEqual(f.diagnostics.map((d) => d.type), ['beacon_refused']);
});

test('pagehide sends a large queue in several sendBeacon calls under the 64 KB quota', async () => {
  const f = setup({ maxQueuedEvents: 1000, gzip: false });
  f.transport.answers.push({ status: 503, headers: { 'Retry-After': '60' } });
  f.tracker.setDimensions({ custom: { note: 'y'.repeat(250) } });
  f.video.play();
  for (let i = 0; i < 400; i++) f.tracker.setDimensions({ custom: { note: 'y'.repeat(249) + (i % 10) } }), f.tracker.error('e');
  f.window.dispatchEvent(new Event('pagehide'));
  assert.ok(f.transport.beacons.length > 1);
  for (const b of f.transport.beacons) assert.ok(b.body.length < 64 * 1024, String(b.body.length));
  const all = f.transport.beacons.flatMap((b) => b.events);
  assert.deepEqual(seqs(all), all.map((_, i) => i));
  assert.equal(all[all.length - 1].type, 'end');
});

test('visibilitychange to hidden flushes at once without ending the session', async () => {
  const f = setup();
  start(f);
  f.document.hide();
  await f.clock.advance(0);
  assert.equal(f.transport.requests.length, 1);
  assert.deepEqual(types(f.transport.requests[0].events), ['play_request', 'first_frame']);
  f.video.pause();
  await f.tracker.flush();
  assert.deepEqual(types(f.transport.delivered()).slice(-1), ['pause']);
});
