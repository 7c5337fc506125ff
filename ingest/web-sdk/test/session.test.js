// Sessions: ids, seq per session, attempts, new sessions and replays, CMCD wiring, options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTracker } from '../src/index.js';
import { setup, start, FakeVideo } from './fakes.js';

const types = (events) => events.map((e) => e.type);

test('seq counts 0, 1, 2... without gaps within a session, across batches and heartbeats', async () => {
  const f = setup({ maxBatchEvents: 3, heartbeatIntervalMs: 2000 });
  start(f);
  for (let i = 0; i < 4; i++) {
    f.video.pause();
    await f.clock.advance(2500);
    f.video.play();
  }
  f.tracker.end();
  await f.tracker.flush();
  const events = f.transport.delivered();
  assert.ok(f.transport.requests.length > 3);
  assert.ok(events.length > 12);
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i));
  assert.ok(events.every((e) => e.session_id === f.tracker.sessionId));
});

test('newSession: the current one ends, the next has a new id, seq from 0, the dimensions again, attempt + 1', async () => {
  const f = setup();
  start(f);
  const first = f.tracker.sessionId;
  assert.match(first, /^[A-Za-z0-9._:-]{1,128}$/);
  assert.equal(f.tracker.attempt, 1);
  f.tracker.newSession();
  f.tracker.setDimensions({ asset_id: 'movie-43' });
  f.tracker.playRequested();
  await f.tracker.flush();
  const second = f.tracker.sessionId;
  assert.notEqual(second, first);
  assert.equal(f.tracker.attempt, 2);
  const events = f.transport.delivered();
  assert.deepEqual(events.map((e) => [e.session_id === first ? 1 : 2, e.type, e.seq]),
    [[1, 'play_request', 0], [1, 'first_frame', 1], [1, 'end', 2], [2, 'play_request', 0]]);
  assert.deepEqual([events[3].asset_id, events[3].stream_type, events[3].player_name], ['movie-43', 'vod', 'html5']);
});

test('a play after the end is a new session: the replay of an asset', async () => {
  const f = setup();
  start(f);
  f.video.ended = true;
  f.video.fire('ended');
  f.video.ended = false;
  f.video.currentTime = 0;
  f.video.play();
  f.video.presentFrame();
  await f.tracker.flush();
  const events = f.transport.delivered();
  assert.deepEqual(types(events), ['play_request', 'first_frame', 'end', 'play_request', 'first_frame']);
  assert.notEqual(events[3].session_id, events[0].session_id);
  assert.deepEqual(events.slice(3).map((e) => e.seq), [0, 1]);
  assert.equal(f.tracker.stats().attempt, 2);
});

test('errors before the play request open the session but start no heartbeats; end closes it', async () => {
  const f = setup({ heartbeatIntervalMs: 1000 });
  f.tracker.error('keySystemNoKeys');
  await f.clock.advance(5000);
  f.tracker.end();
  await f.tracker.flush();
  assert.deepEqual(types(f.transport.delivered()), ['error', 'end']);
});

test('destroy ends the session and stops listening to the element and the page', async () => {
  const f = setup({ heartbeatIntervalMs: 1000 });
  start(f);
  await f.tracker.destroy();
  assert.equal(f.clock.pending(), 0, 'no timer left');
  f.video.pause();
  f.video.play();
  f.window.dispatchEvent(new Event('pagehide'));
  await f.clock.advance(5000);
  assert.deepEqual(types(f.transport.delivered()), ['play_request', 'first_frame', 'end']);
  assert.equal(f.transport.beacons.length, 0);
});

test('cmcd: the adapter is asked to report to /v1/cmcd?k= with sid <sessionId>.cmcd, again for each new session', async () => {
  const calls = [];
  const adapter = { name: 'fake', attach: () => () => {}, cmcd: (sid, url) => calls.push([sid, url]) };
  const f = setup({ adapter, cmcd: true });
  f.tracker.newSession();
  assert.deepEqual(calls.map((c) => c[1]), ['http://127.0.0.1:8480/v1/cmcd?k=dev%20key', 'http://127.0.0.1:8480/v1/cmcd?k=dev%20key']);
  assert.equal(calls[1][0], f.tracker.sessionId + '.cmcd');
  assert.notEqual(calls[0][0], calls[1][0]);
  assert.deepEqual(f.diagnostics, []);
});

test('cmcd with a player that has no CMCD v2 reporter is a diagnostic, and nothing else changes', async () => {
  const f = setup({ cmcd: true });
  const d = f.diagnostics.find((x) => x.type === 'cmcd_unsupported');
  assert.equal(d.player, 'html5');
  start(f);
  await f.tracker.flush();
  assert.deepEqual(types(f.transport.delivered()), ['play_request', 'first_frame']);
});

test('cdn: the adapter reports response URLs; the default names the host, the hook may name it', async () => {
  let hooks;
  const adapter = { name: 'fake', attach: (video, h) => ((hooks = h), () => {}) };
  const f = setup({ adapter });
  hooks.url('https://edge-3.cdn-a.example/v/seg1.m4s');
  f.video.play();
  hooks.url('https://edge-3.cdn-a.example/v/seg2.m4s');
  f.video.presentFrame();
  hooks.url('https://media.cdn-b.example:8443/v/seg3.m4s');
  f.video.pause();
  await f.tracker.flush();
  assert.deepEqual(f.transport.delivered().map((e) => e.cdn),
    ['edge-3.cdn-a.example', undefined, 'media.cdn-b.example:8443']);

  const g = setup({ adapter, cdn: (url) => (url.includes('cdn-b') ? 'cdn-b' : 'cdn-a') });
  hooks.url('https://media.cdn-b.example/x.m4s');
  g.video.play();
  await g.tracker.flush();
  assert.equal(g.transport.delivered()[0].cdn, 'cdn-b');
});

test('adapter hooks: bitrate, buffering and errors drive the same beacons as the element', async () => {
  let hooks;
  const adapter = { name: 'fake', version: '9.1', current: () => 1800, attach: (video, h) => ((hooks = h), () => {}) };
  const f = setup({ adapter });
  start(f);
  hooks.buffering(true);
  hooks.buffering(false);
  hooks.bitrate(4500);
  hooks.error('4001', false);
  hooks.error('1001', true);
  await f.tracker.flush();
  const events = f.transport.delivered();
  assert.deepEqual(events.map((e) => e.type),
    ['play_request', 'first_frame', 'rebuffer_start', 'rebuffer_end', 'bitrate_change', 'error', 'error']);
  assert.deepEqual([events[0].player_name, events[0].player_version], ['fake', '9.1']);
  assert.equal(events[1].bitrate_kbps, 1800, 'first_frame asks the adapter for the current rendition');
  assert.equal(events[4].bitrate_kbps, 4500);
  assert.deepEqual(events.slice(5).map((e) => e.error_fatal), [false, true]);
});

test('the page may name the player itself', async () => {
  const f = setup({ dimensions: { player_name: 'acme-player', player_version: '3.0' } });
  f.video.play();
  await f.tracker.flush();
  assert.deepEqual([f.transport.delivered()[0].player_name, f.transport.delivered()[0].player_version], ['acme-player', '3.0']);
});

test('the collector URL, the property key and the video element are required', () => {
  const video = new FakeVideo();
  assert.throws(() => createTracker({ propertyKey: 'k', video }), /'collectorUrl' is required/);
  assert.throws(() => createTracker({ collectorUrl: 'http://c', video }), /'propertyKey' is required/);
  assert.throws(() => createTracker({ collectorUrl: 'http://c', propertyKey: 'k' }), /'video' is required/);
});

test('a failing onDiagnostic handler does not stop the tracker', async () => {
  const f = setup({ cmcd: true, onDiagnostic: () => { throw new Error('page bug'); } });
  start(f);
  await f.tracker.flush();
  assert.deepEqual(types(f.transport.delivered()), ['play_request', 'first_frame']);
});
