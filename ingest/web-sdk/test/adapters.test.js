// Each adapter against a stand-in with the player's public event API (names and payloads from
// hls.js 1.7.4, dash.js 5.2.1 and Shaka Player 5.2.12 type definitions): what reaches the beacons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hlsjs } from '../src/adapters/hlsjs.js';
import { dashjs } from '../src/adapters/dashjs.js';
import { shaka } from '../src/adapters/shaka.js';
import { setup, start } from './fakes.js';

/** hls.js and dash.js style emitters: on(name, fn) / off(name, fn) */
class Emitter {
  constructor() {
    this.listeners = {};
  }
  on(name, fn) {
    (this.listeners[name] = this.listeners[name] || []).push(fn);
  }
  off(name, fn) {
    this.listeners[name] = (this.listeners[name] || []).filter((x) => x !== fn);
  }
  emit(name, ...args) {
    for (const fn of this.listeners[name] || []) fn(...args);
  }
  count() {
    return Object.values(this.listeners).reduce((n, l) => n + l.length, 0);
  }
}

async function delivered(f) {
  await f.tracker.flush();
  return f.transport.delivered();
}

test('hls.js: version, level bitrates, fatal flag, stall reports not errors, fragment response URL as CDN', async () => {
  class Hls extends Emitter {
    static get version() {
      return '1.7.4';
    }
  }
  const hls = new Hls();
  hls.levels = [{ bitrate: 800000 }, { bitrate: 2400000 }, { bitrate: 5000000 }];
  hls.currentLevel = 1;
  const f = setup({ adapter: hlsjs(hls) });
  hls.emit('hlsFragLoaded', 'hlsFragLoaded', { frag: { url: 'https://a.cdn.example/1.ts' }, networkDetails: { responseURL: 'https://b.cdn.example/1.ts' } });
  start(f);
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 2 });
  hls.emit('hlsError', 'hlsError', { type: 'mediaError', details: 'bufferStalledError', fatal: false });
  hls.emit('hlsError', 'hlsError', { type: 'networkError', details: 'fragLoadError', fatal: false });
  hls.emit('hlsError', 'hlsError', { type: 'networkError', details: 'manifestLoadError', fatal: true });
  const events = await delivered(f);
  assert.deepEqual(events.map((e) => e.type), ['play_request', 'first_frame', 'bitrate_change', 'error', 'error']);
  assert.deepEqual([events[0].player_name, events[0].player_version, events[0].cdn], ['hls.js', '1.7.4', 'b.cdn.example']);
  assert.equal(events[1].bitrate_kbps, 2400);
  assert.equal(events[2].bitrate_kbps, 5000);
  assert.deepEqual(events.slice(3).map((e) => [e.error_code, e.error_fatal]), [['fragLoadError', false], ['manifestLoadError', true]]);
  f.tracker.destroy();
  assert.equal(hls.count(), 0, 'listeners removed');
});

test('hls.js: a switch to another height is stamped when the element shows it, not at LEVEL_SWITCHED; one of the same height at LEVEL_SWITCHED', async () => {
  const hls = new Emitter();
  hls.levels = [{ bitrate: 300000, height: 180 }, { bitrate: 900000, height: 360 }, { bitrate: 1300000, height: 360 }];
  hls.currentLevel = 0;
  const f = setup({ adapter: hlsjs(hls) });
  f.video.resize(180);
  start(f);
  await f.clock.advance(3000);
  hls.currentLevel = 1;
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 1 }); // the fragment at the playhead is level 1's
  await f.clock.advance(950);
  f.video.resize(360); // the first 360p frame on screen
  await f.clock.advance(2000);
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 2 }); // 360p too: no resize will come
  const events = await delivered(f);
  const switches = events.filter((e) => e.type === 'bitrate_change');
  const start0 = events[1].ts;
  assert.deepEqual(switches.map((e) => [e.bitrate_kbps, e.ts - start0]), [[900, 3950], [1300, 5950]]);
});

test('a switch not yet on screen is replaced by the next one; a resize to another height sends nothing', async () => {
  const hls = new Emitter();
  hls.levels = [{ bitrate: 300000, height: 180 }, { bitrate: 600000, height: 270 }, { bitrate: 900000, height: 360 }];
  hls.currentLevel = 0;
  const f = setup({ adapter: hlsjs(hls) });
  f.video.resize(180);
  start(f);
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 2 });
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 0 }); // back before 360p was shown: still 180p
  f.video.resize(360); // no switch to 360p is waiting
  hls.emit('hlsLevelSwitched', 'hlsLevelSwitched', { level: 1 });
  f.video.resize(180); // not the reported rendition's height
  f.video.resize(270);
  const events = await delivered(f);
  assert.deepEqual(events.filter((e) => e.type === 'bitrate_change').map((e) => e.bitrate_kbps), [600]);
});

test('hls.js: a non-fatal error is sent once per code and session, its repeats counted; fatal ones and the page\'s always', async () => {
  const hls = new Emitter();
  const f = setup({ adapter: hlsjs(hls) });
  start(f);
  const fire = (details, fatal) => hls.emit('hlsError', 'hlsError', { type: 'mediaError', details, fatal });
  for (let i = 0; i < 6; i++) fire('fragParsingError', false);
  for (let i = 0; i < 5; i++) fire('bufferAppendError', false);
  f.tracker.error('custom', { fatal: false });
  f.tracker.error('custom', { fatal: false });
  f.tracker.newSession();
  f.video.play();
  fire('fragParsingError', false); // a new session: sent again
  fire('bufferAppendError', true);
  const errors = (await delivered(f)).filter((e) => e.type === 'error');
  assert.deepEqual(errors.map((e) => [e.error_code, e.error_fatal]), [
    ['fragParsingError', false], ['bufferAppendError', false], ['custom', false], ['custom', false],
    ['fragParsingError', false], ['bufferAppendError', true]]);
  assert.equal(f.tracker.stats().repeatedErrors, 9);
});

test('hls.js has no CMCD v2 reporter: cmcd is a diagnostic', () => {
  const f = setup({ adapter: hlsjs(new Emitter()), cmcd: true });
  assert.equal(f.diagnostics[0].type, 'cmcd_unsupported');
  assert.equal(f.diagnostics[0].player, 'hls.js');
});

function fakeDash() {
  const player = new Emitter();
  player.getVersion = () => '5.2.1';
  player.current = { bandwidth: 1200000 };
  player.getCurrentRepresentationForType = (type) => (type === 'video' ? player.current : null);
  player.settings = [];
  player.updateSettings = (s) => player.settings.push(s);
  return player;
}

test('dash.js: video quality rendered, error codes by name, recoverable vs fatal, fragment URL as CDN', async () => {
  const player = fakeDash();
  const f = setup({ adapter: dashjs(player) });
  start(f);
  player.emit('fragmentLoadingCompleted', { request: { url: 'https://cdn-a.example/v/2.m4s' } });
  player.emit('qualityChangeRendered', { mediaType: 'video', newRepresentation: { bandwidth: 1200000 } }); // the first frame's
  player.emit('qualityChangeRendered', { mediaType: 'audio', newRepresentation: { bandwidth: 128000 } });
  player.emit('qualityChangeRendered', { mediaType: 'video', newRepresentation: { bandwidth: 3000000 } });
  player.emit('playbackNotAllowed', {});
  player.emit('error', { error: { code: 27, message: 'segment is not available' } });
  player.emit('error', { error: { code: 25, message: 'manifest is not available' } });
  const events = await delivered(f);
  assert.deepEqual(events.map((e) => e.type), ['play_request', 'first_frame', 'bitrate_change', 'error', 'error', 'error']);
  assert.deepEqual([events[0].player_name, events[0].player_version], ['dash.js', '5.2.1']);
  assert.equal(events[1].bitrate_kbps, 1200);
  assert.deepEqual([events[2].bitrate_kbps, events[2].cdn], [3000, 'cdn-a.example']);
  assert.deepEqual(events.slice(3).map((e) => [e.error_code, e.error_fatal]),
    [['PLAYBACK_NOT_ALLOWED', false], ['DOWNLOAD_ERROR_ID_CONTENT', false], ['DOWNLOAD_ERROR_ID_MANIFEST', true]]);
  f.tracker.destroy();
  assert.equal(player.count(), 0);
});

test('dash.js: QUALITY_CHANGE_RENDERED comes a segment early: the switch is stamped at the resize to the representation\'s height', async () => {
  const player = fakeDash();
  player.current = { bandwidth: 300000, height: 180 };
  const f = setup({ adapter: dashjs(player) });
  f.video.resize(180);
  start(f);
  await f.clock.advance(1500);
  player.emit('qualityChangeRendered', { mediaType: 'video', newRepresentation: { bandwidth: 900000, height: 360 } });
  await f.clock.advance(900);
  f.video.resize(360);
  const events = await delivered(f);
  const change = events.find((e) => e.type === 'bitrate_change');
  assert.deepEqual([change.bitrate_kbps, change.ts - events[1].ts], [900, 2400]);
});

test('dash.js cmcd: CMCD v2 event target at the collector with sid <sessionId>.cmcd', () => {
  const player = fakeDash();
  const f = setup({ adapter: dashjs(player), cmcd: true });
  const cmcd = player.settings[0].streaming.cmcd;
  assert.equal(cmcd.version, 2);
  assert.equal(cmcd.sid, f.tracker.sessionId + '.cmcd');
  assert.equal(cmcd.enabled, undefined, 'request mode stays the page\'s choice');
  const [target] = cmcd.eventTargets;
  assert.equal(target.url, 'http://127.0.0.1:8480/v1/cmcd?k=dev%20key');
  assert.deepEqual(target.events, ['ps', 'bc', 'e', 't']);
  assert.ok(target.enabledKeys.includes('sta') && target.enabledKeys.includes('sid'));
  assert.deepEqual(f.diagnostics, []);
});

function fakeShaka() {
  class Player extends EventTarget {
    static version = 'v5.2.12';
  }
  const player = new Player();
  player.tracks = [{ active: false, videoBandwidth: 700000, bandwidth: 830000 }, { active: true, videoBandwidth: 2000000, bandwidth: 2128000 }];
  player.getVariantTracks = () => player.tracks;
  player.filters = [];
  player.getNetworkingEngine = () => ({
    registerResponseFilter: (fn) => player.filters.push(fn),
    unregisterResponseFilter: (fn) => (player.filters = player.filters.filter((x) => x !== fn)),
  });
  player.configs = [];
  player.configure = (c) => player.configs.push(c);
  player.fire = (type, props) => player.dispatchEvent(Object.assign(new Event(type), props));
  return player;
}

test('Shaka: active variant video bandwidth, buffering event as rebuffer, severity as fatal, response URI as CDN', async () => {
  const player = fakeShaka();
  const f = setup({ adapter: shaka(player) });
  start(f);
  player.filters[0](1, { uri: 'https://edge.cdn-s.example/seg.mp4' });
  player.filters[0](2, { uri: 'https://license.example/' }); // a license response is not media
  player.fire('buffering', { buffering: true });
  player.fire('buffering', { buffering: false });
  player.tracks = [{ ...player.tracks[0], active: true }, { ...player.tracks[1], active: false }];
  player.fire('variantchanged');
  player.fire('error', { detail: { code: 3016, severity: 1 } });
  player.fire('error', { detail: { code: 1001, severity: 2 } });
  const events = await delivered(f);
  assert.deepEqual(events.map((e) => e.type),
    ['play_request', 'first_frame', 'rebuffer_start', 'rebuffer_end', 'bitrate_change', 'error', 'error']);
  assert.deepEqual([events[0].player_name, events[0].player_version], ['shaka', 'v5.2.12']);
  assert.equal(events[1].bitrate_kbps, 2000);
  assert.deepEqual([events[2].cdn, events[4].bitrate_kbps], ['edge.cdn-s.example', 700]);
  assert.deepEqual(events.slice(5).map((e) => [e.error_code, e.error_fatal]), [['3016', false], ['1001', true]]);
  f.tracker.destroy();
  assert.equal(player.filters.length, 0);
});

test('Shaka: a variant switch is stamped when the element shows the new height', async () => {
  const player = fakeShaka();
  player.tracks = [{ active: true, videoBandwidth: 300000, height: 180 }, { active: false, videoBandwidth: 900000, height: 360 }];
  const f = setup({ adapter: shaka(player) });
  f.video.resize(180);
  start(f);
  player.tracks = [{ ...player.tracks[0], active: false }, { ...player.tracks[1], active: true }];
  player.fire('variantchanged');
  await f.clock.advance(700);
  f.video.resize(360);
  const events = await delivered(f);
  const change = events.find((e) => e.type === 'bitrate_change');
  assert.deepEqual([change.bitrate_kbps, change.ts - events[1].ts], [900, 700]);
});

test('Shaka buffering during startup and inside a seek is not a rebuffer', async () => {
  const player = fakeShaka();
  const f = setup({ adapter: shaka(player) });
  f.video.play();
  player.fire('buffering', { buffering: true });
  player.fire('buffering', { buffering: false });
  f.video.presentFrame();
  f.video.fire('seeking');
  player.fire('buffering', { buffering: true });
  f.video.fire('seeked');
  player.fire('buffering', { buffering: false });
  player.fire('buffering', { buffering: true }); // after the seek settled: a stall
  const events = await delivered(f);
  assert.deepEqual(events.map((e) => e.type), ['play_request', 'first_frame', 'seek_start', 'seek_end', 'rebuffer_start']);
});

test('Shaka: a load() that fails (404 manifest) is a fatal error though Shaka dispatches no error event; an interrupted load is none', async () => {
  class Player extends EventTarget {
    load(url) {
      this.loaded = url;
      return Promise.reject(this.failure);
    }
  }
  const player = new Player();
  player.getNetworkingEngine = () => null;
  const f = setup({ adapter: shaka(player) });
  f.tracker.playRequested();
  player.failure = { code: 7000, severity: 2 };
  await assert.rejects(player.load('https://a.example/other.mpd'), (e) => e.code === 7000);
  player.failure = { code: 1001, severity: 2, data: ['https://a.example/m.mpd', 404] };
  await assert.rejects(player.load('https://a.example/m.mpd'), (e) => e.code === 1001, 'the page still sees the rejection');
  assert.equal(player.loaded, 'https://a.example/m.mpd');
  const events = await delivered(f);
  assert.deepEqual(events.map((e) => [e.type, e.error_code, e.error_fatal]),
    [['play_request', undefined, undefined], ['error', '1001', true]]);
  f.tracker.destroy();
  assert.equal(Object.prototype.hasOwnProperty.call(player, 'load'), false, 'load() restored');
});

test('Shaka cmcd: one configure with a CMCD v2 event target at the collector, sessionId <sessionId>.cmcd', () => {
  const player = fakeShaka();
  const f = setup({ adapter: shaka(player), cmcd: true });
  assert.equal(player.configs.length, 1);
  const cmcd = player.configs[0].cmcd;
  assert.deepEqual([cmcd.enabled, cmcd.version, cmcd.sessionId], [true, 2, f.tracker.sessionId + '.cmcd']);
  assert.deepEqual([cmcd.eventTargets[0].mode, cmcd.eventTargets[0].url], ['response', 'http://127.0.0.1:8480/v1/cmcd?k=dev%20key']);
});

test('Shaka without a networking engine yet: reported, the rest works', async () => {
  const player = fakeShaka();
  player.getNetworkingEngine = () => null;
  const f = setup({ adapter: shaka(player) });
  assert.equal(f.diagnostics[0].type, 'cdn_unavailable');
  start(f);
  assert.deepEqual((await delivered(f)).map((e) => e.type), ['play_request', 'first_frame']);
});
