// The transitions the tracker reads from the <video> element and the hooks
// (stream-jobs/session-model/README.md): what is sent, in which order, with which fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, start, T0 } from './fakes.js';

async function sent(f) {
  await f.tracker.flush();
  return f.transport.delivered();
}
const types = (events) => events.map((e) => e.type);

test('startup: play_request on play, first_frame on the first presented frame, with the rendition and the dimensions', async () => {
  const f = setup();
  f.tracker.setBitrate(3200);
  f.video.play();
  await f.clock.advance(850);
  f.video.currentTime = 0.04;
  f.video.presentFrame();
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame']);
  const [request, frame] = events;
  assert.equal(request.v, 1);
  assert.equal(request.seq, 0);
  assert.equal(request.ts, T0);
  assert.equal(request.session_id, f.tracker.sessionId);
  assert.equal(request.asset_id, 'movie-42');
  assert.equal(request.stream_type, 'vod');
  assert.equal(request.player_name, 'html5');
  assert.equal(frame.seq, 1);
  assert.equal(frame.ts - request.ts, 850);
  assert.equal(frame.bitrate_kbps, 3200);
  assert.equal(frame.playhead_ms, 40);
  assert.equal(frame.asset_id, undefined, 'dimensions are not repeated while unchanged');
});

test('a frame presented while paused is not the first frame; the next one after play is', async () => {
  const f = setup();
  f.tracker.playRequested();
  f.video.presentFrame(); // preload shows a frame, the element is still paused
  assert.deepEqual(types(await sent(f)), ['play_request']);
  f.video.play();
  f.video.presentFrame();
  assert.deepEqual(types(await sent(f)), ['play_request', 'first_frame']);
});

test('a frame presented at playbackRate 0 (Shaka buffering at startup) is not the first frame; the next one at rate 1 is', async () => {
  const f = setup();
  f.video.play();
  f.video.playbackRate = 0;
  await f.clock.advance(290);
  f.video.presentFrame(); // a still picture while the player buffers
  assert.deepEqual(types(await sent(f)), ['play_request']);
  await f.clock.advance(980);
  f.video.playbackRate = 1;
  f.video.presentFrame();
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame']);
  assert.equal(events[1].ts - events[0].ts, 1270);
});

test('first_frame carries the time the frame was presented, not the time its callback got the main thread', async () => {
  const f = setup();
  f.video.play();
  await f.clock.advance(1309);
  f.video.presentFrame(62); // hls.js kept the main thread busy for 62 ms
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame']);
  assert.equal(events[1].ts - events[0].ts, 1247);
});

test('without requestVideoFrameCallback the playhead moving after playing is the first frame', async () => {
  const f = setup();
  f.video.requestVideoFrameCallback = undefined;
  f.video.play();
  f.video.fire('timeupdate');
  f.video.fire('playing');
  f.video.fire('timeupdate'); // playhead still at 0
  assert.deepEqual(types(await sent(f)), ['play_request']);
  f.video.currentTime = 0.25;
  f.video.fire('timeupdate');
  assert.deepEqual(types(await sent(f)), ['play_request', 'first_frame']);
});

test('waiting while playing is a rebuffer, ended by playing; waiting during startup is not', async () => {
  const f = setup();
  f.video.play();
  f.video.fire('waiting'); // startup buffering
  f.video.presentFrame();
  f.video.fire('playing');
  f.video.currentTime = 5;
  f.video.fire('waiting');
  f.video.fire('waiting'); // one stall, told twice
  await f.clock.advance(1200);
  f.video.fire('playing');
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame', 'rebuffer_start', 'rebuffer_end']);
  assert.equal(events[3].ts - events[2].ts, 1200);
  assert.equal(events[2].playhead_ms, 5000);
});

test('buffering inside a seek, and after seeked until playback goes on, is seek buffering, not a rebuffer', async () => {
  const f = setup();
  start(f);
  f.video.fire('playing');
  f.video.fire('seeking');
  f.video.fire('waiting');
  f.video.fire('seeking'); // a second seeking before seeked is the same seek
  f.video.currentTime = 16;
  f.video.fire('seeked');
  f.video.fire('waiting'); // data for the new position still coming
  f.video.fire('playing');
  f.video.fire('waiting'); // now a real stall
  assert.deepEqual(types(await sent(f)),
    ['play_request', 'first_frame', 'seek_start', 'seek_end', 'rebuffer_start']);
});

test('playback going on past the seek target settles the seek when no playing event comes (Shaka)', async () => {
  const f = setup();
  start(f);
  f.video.fire('seeking');
  f.video.fire('seeked');
  f.video.currentTime = 20;
  f.video.fire('timeupdate'); // playback went on past the seek target
  f.video.fire('waiting');
  assert.deepEqual(types(await sent(f)).slice(2), ['seek_start', 'seek_end', 'rebuffer_start']);
});

test('pause and resume; a pause during a rebuffer ends the rebuffer; the pause at the end is not a pause', async () => {
  const f = setup();
  start(f);
  f.video.pause();
  f.video.play();
  f.video.fire('waiting');
  f.video.pause();
  f.video.play();
  f.video.ended = true;
  f.video.pause();
  f.video.fire('ended');
  f.video.fire('waiting'); // after the end: nothing
  assert.deepEqual(types(await sent(f)),
    ['play_request', 'first_frame', 'pause', 'resume', 'rebuffer_start', 'pause', 'resume', 'end']);
});

test('pause and seek before the first frame are not sent', async () => {
  const f = setup();
  f.video.play();
  f.video.pause();
  f.video.fire('seeking');
  f.video.fire('seeked');
  assert.deepEqual(types(await sent(f)), ['play_request']);
});

test('a pre-roll through the hooks: ad frames and ad element events stay out of startup', async () => {
  const f = setup();
  f.tracker.playRequested();
  await f.clock.advance(300);
  f.tracker.adBreakStart();
  f.video.play();
  f.video.presentFrame(); // the ad's first frame
  f.video.fire('waiting');
  f.video.pause();
  f.video.ended = true;
  f.video.fire('ended'); // the ad ended, not the session
  await f.clock.advance(15000);
  f.video.ended = false;
  f.tracker.adBreakEnd();
  f.video.play();
  await f.clock.advance(200);
  f.video.presentFrame(); // the content's first frame
  const events = await sent(f);
  assert.deepEqual(types(events).filter((t) => t !== 'heartbeat'),
    ['play_request', 'ad_break_start', 'ad_break_end', 'first_frame']);
  const at = (type) => events.find((e) => e.type === type).ts - T0;
  assert.equal(at('ad_break_start'), 300);
  assert.equal(at('ad_break_end'), 15300);
  assert.equal(at('first_frame'), 15500);
});

test('adBreakStart before any play request starts the startup wait first', async () => {
  const f = setup();
  f.tracker.adBreakStart();
  f.tracker.adBreakStart(); // already in the break
  f.tracker.adBreakEnd();
  f.tracker.adBreakEnd(); // no break open
  assert.deepEqual(types(await sent(f)), ['play_request', 'ad_break_start', 'ad_break_end']);
});

test('a non-fatal error is sent and playback goes on; a fatal one ends the session without an end', async () => {
  const f = setup();
  start(f);
  f.tracker.error('fragLoadError');
  f.tracker.error('bufferAppendError', { fatal: true });
  f.video.pause();
  f.tracker.end();
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame', 'error', 'error']);
  assert.deepEqual([events[2].error_code, events[2].error_fatal, events[2].error_category],
    ['fragLoadError', false, 'technical']);
  assert.deepEqual([events[3].error_code, events[3].error_fatal], ['bufferAppendError', true]);
});

test('business errors carry the business category and are fatal unless told otherwise', async () => {
  const f = setup();
  f.tracker.playRequested();
  f.tracker.businessError('CONCURRENCY_LIMIT', { fatal: false });
  f.tracker.businessError('GEO_BLOCKED');
  const events = await sent(f);
  assert.deepEqual(events.slice(1).map((e) => [e.error_code, e.error_fatal, e.error_category]),
    [['CONCURRENCY_LIMIT', false, 'business'], ['GEO_BLOCKED', true, 'business']]);
});

test('an error is sent at once, without waiting for the batch delay', async () => {
  const f = setup();
  f.tracker.playRequested();
  f.tracker.error(404, { fatal: true });
  await f.clock.advance(0);
  assert.deepEqual(types(f.transport.delivered()), ['play_request', 'error']);
  assert.equal(f.transport.delivered()[1].error_code, '404');
});

test('the element error is a fatal html5 error named after the MediaError code', async () => {
  const f = setup();
  f.video.play();
  f.video.error = { code: 4 };
  f.video.fire('error');
  const events = await sent(f);
  assert.deepEqual([events[1].error_code, events[1].error_fatal], ['MEDIA_ERR_SRC_NOT_SUPPORTED', true]);
});

test('heartbeats every interval while the session is open: none before the play request, none after the end', async () => {
  const f = setup({ heartbeatIntervalMs: 10000 });
  await f.clock.advance(25000);
  assert.deepEqual(f.transport.requests, []);
  start(f);
  f.video.currentTime = 12.5;
  await f.clock.advance(35000);
  f.tracker.end();
  await f.clock.advance(30000);
  const events = await sent(f);
  assert.deepEqual(types(events), ['play_request', 'first_frame', 'heartbeat', 'heartbeat', 'heartbeat', 'end']);
  assert.deepEqual(events.filter((e) => e.type === 'heartbeat').map((e) => e.ts - T0), [35000, 45000, 55000]);
  assert.equal(events[2].playhead_ms, 12500);
  assert.deepEqual(events.map((e) => e.seq), [0, 1, 2, 3, 4, 5]);
});

test('bitrate changes after the first frame are sent when the rendition differs', async () => {
  const f = setup();
  f.tracker.setBitrate(800); // before the first frame: carried by first_frame
  start(f);
  f.tracker.setBitrate(800);
  f.tracker.setBitrate(2400.4);
  f.tracker.setBitrate(0);
  const events = await sent(f);
  assert.deepEqual(events.map((e) => [e.type, e.bitrate_kbps]),
    [['play_request', undefined], ['first_frame', 800], ['bitrate_change', 2400]]);
});

test('dimensions: all on the first beacon, then only the ones that changed; unknown names reported', async () => {
  const f = setup({ dimensions: { asset_id: 'a1', viewer_id: 'v9', custom: { plan: 'gold' } } });
  f.video.play();
  f.tracker.setDimensions({ asset_id: 'a1', custom: { plan: 'basic' }, colour: 'red' });
  f.tracker.error('x');
  const events = await sent(f);
  assert.deepEqual([events[0].asset_id, events[0].viewer_id, events[0].custom], ['a1', 'v9', { plan: 'gold' }]);
  assert.equal(events[1].asset_id, undefined);
  assert.deepEqual(events[1].custom, { plan: 'basic' });
  assert.equal(events[1].colour, undefined);
  assert.equal(f.diagnostics.find((d) => d.type === 'invalid_dimension').name, 'colour');
});

test('dimensions the collector would refuse the beacon for are refused here, with the reason', async () => {
  const eleven = Object.fromEntries([...Array(11).keys()].map((i) => ['k' + i, 'v']));
  const f = setup({ dimensions: { asset_id: 'a'.repeat(257), custom: eleven } });
  f.tracker.setDimensions({ custom: { plan: 3 } });
  f.tracker.setDimensions({ custom: { ['k'.repeat(65)]: 'x' } });
  f.tracker.setDimensions({ app_version: '2.1', custom: { plan: 'gold' } });
  f.video.play();
  const [request] = await sent(f);
  assert.deepEqual([request.asset_id, request.app_version, request.custom], [undefined, '2.1', { plan: 'gold' }]);
  assert.deepEqual(f.diagnostics.filter((d) => d.type === 'invalid_dimension').map((d) => d.reason), [
    "'asset_id' is longer than 256 characters",
    "'custom' has 11 entries, at most 10 are allowed",
    "'custom' value of 'plan' is not a string of at most 256 characters",
    "'custom' has a key of 65 characters, 1 to 64 are allowed",
  ]);
});
