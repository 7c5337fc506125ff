// The scenario one run plays, and what the page itself measures while it plays it.
// Everything is configured by the page's query string (written by the Java side, TestOrigin):
//   player   dashjs | shaka
//   mode     event | request-query | request-headers | both
//   sid      CMCD session id the player reports
//   cid      CMCD content id
//   events   event-mode target (the collector's /v1/cmcd?k=<key>), when the mode has events
//   manifest the DASH manifest on this origin
//   run      run id; the page tells the origin /harness/stalled?run=<id> when a stall begins, so the
//            origin releases the held segment a fixed time later (a stall of a known length)
// When done the page sets window.__harness = {done: true, measurements, error}.

const query = new URLSearchParams(location.search);
const config = {
  player: query.get('player'),
  mode: query.get('mode'),
  sid: query.get('sid'),
  cid: query.get('cid') || 'harness-asset',
  eventTarget: query.get('events'),
  manifest: query.get('manifest'),
  run: query.get('run'),
  switchAt: Number(query.get('switchAt') || 11.3),
  pauseAt: Number(query.get('pauseAt') || 11),
  pauseMs: Number(query.get('pauseMs') || 1500),
  seekAt: Number(query.get('seekAt') || 12),
  seekTo: Number(query.get('seekTo') || 16),
  intervalSeconds: Number(query.get('interval') || 10),
  settleMs: Number(query.get('settleMs') || 1500),
  watchdogMs: Number(query.get('watchdogMs') || 60000),
};
const eventMode = config.mode === 'event' || config.mode === 'both';
const requestMode = config.mode !== 'event';
const requestHeaders = config.mode === 'request-headers';

// Every CMCD v2 key of @svta/cml-cmcd (request, response and event keys): dash.js sends nothing on
// an event target whose enabledKeys is empty.
const ALL_CMCD_KEYS = [
  'ab', 'bg', 'bl', 'br', 'bs', 'bsa', 'bsd', 'bsda', 'cdn', 'cid', 'cs', 'd', 'dfa', 'dl', 'ec',
  'lab', 'lb', 'ltc', 'msd', 'mtp', 'nor', 'nr', 'nrr', 'ot', 'pb', 'pr', 'pt', 'rtp', 'sf', 'sid',
  'sn', 'st', 'sta', 'su', 'tab', 'tb', 'tbl', 'tpb', 'v', 'cmsdd', 'cmsds', 'rc', 'smrt', 'ttfb',
  'ttfbb', 'ttlb', 'url', 'cen', 'e', 'h', 'ts'];
// play state, bitrate change, error, time interval
const REPORTED_EVENTS = ['ps', 'bc', 'e', 't'];

const video = document.getElementById('video');
const m = {
  player: config.player,
  mode: config.mode,
  sessionId: config.sid,
  playerVersion: null,
  playRequestedAt: null,
  playRequestedPerfMs: null,
  firstFrameAt: null,
  firstFramePerfMs: null,
  stalls: [],
  seeks: [],
  pauses: [],
  renditionSwitchRequestedAt: null,
  endedAt: null,
  stoppedAt: null,
  playheadAtStopS: null,
  renditions: [],        // rendered video rendition: {at, bitrateKbps, width, height}
  playerRenditions: [],  // what the player's own events said: {at, source, bitrateKbps}
  representations: [],   // {bitrateKbps, width, height}
  errors: [],
  log: [],
};
window.__harnessProgress = m;
let seeking = false;
let pausedByScenario = false;
let done = false;

function note(text) {
  m.log.push(`${Date.now()} ${text}`);
}
function fail(error) {
  m.errors.push(String(error && error.stack || error));
  finish();
}
function finish() {
  if (done) return;
  done = true;
  m.stoppedAt = Date.now();
  m.playheadAtStopS = video.currentTime;
  for (const r of m.renditions) {
    if (r.bitrateKbps === null) r.bitrateKbps = bitrateForHeight(r.height);
  }
  // give the reporters a moment to send the last reports (ended, the flush)
  setTimeout(() => {
    window.__harness = {done: true, measurements: m};
  }, config.settleMs);
}
setTimeout(() => {
  if (!done) fail(`watchdog: scenario not finished after ${config.watchdogMs} ms`);
}, config.watchdogMs);

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(script);
  });
}

// ---- what the page sees, player-independent ----
function bitrateForHeight(height) {
  const match = m.representations.find(r => r.height === height);
  return match ? match.bitrateKbps : null;
}
function recordRenderedRendition() {
  if (!video.videoHeight) return;
  const last = m.renditions[m.renditions.length - 1];
  if (last && last.height === video.videoHeight) return;
  m.renditions.push({
    at: Date.now(), bitrateKbps: bitrateForHeight(video.videoHeight),
    width: video.videoWidth, height: video.videoHeight,
  });
}
function onFirstFrame(at, perf) {
  if (m.firstFrameAt !== null) return;
  m.firstFrameAt = at;
  m.firstFramePerfMs = perf;
  recordRenderedRendition();
  note('first frame');
}
if ('requestVideoFrameCallback' in HTMLVideoElement.prototype) {
  video.requestVideoFrameCallback((now) => onFirstFrame(Date.now(), now));
}
video.addEventListener('resize', () => {
  if (m.firstFrameAt !== null) recordRenderedRendition();
});
video.addEventListener('playing', () => {
  const now = Date.now();
  // fallback when requestVideoFrameCallback is missing
  if (!('requestVideoFrameCallback' in HTMLVideoElement.prototype)) onFirstFrame(now, performance.now());
  if (config.player !== 'shaka') stallEnded('playing');
  const seek = m.seeks[m.seeks.length - 1];
  if (seek && seek.end === null) {
    seek.end = now;
    note('seek end (playing)');
  }
  const pause = m.pauses[m.pauses.length - 1];
  if (pause && pause.end === null) {
    pause.end = now;
    note('pause end (playing)');
  }
  seeking = false;
});
// A stall: playback stopped for want of data, outside startup, seeks and pauses. dash.js lets the
// video element say so (waiting ... playing); Shaka sets playbackRate to 0 while it buffers, so the
// element never fires waiting: its own 'buffering' event says it instead.
function stallStarted(source) {
  if (m.firstFrameAt === null || seeking || video.paused || video.ended) {
    note(`${source} (not a stall)`);
    return;
  }
  const stall = m.stalls[m.stalls.length - 1];
  if (stall && stall.end === null) return;
  m.stalls.push({start: Date.now(), end: null, playheadS: video.currentTime});
  note(`stall start (${source}) at ${video.currentTime}`);
  fetch(`/harness/stalled?run=${encodeURIComponent(config.run)}`).catch(() => {});
}
function stallEnded(source) {
  const stall = m.stalls[m.stalls.length - 1];
  if (stall && stall.end === null) {
    stall.end = Date.now();
    note(`stall end (${source})`);
  }
}
video.addEventListener('waiting', () => {
  if (config.player !== 'shaka') stallStarted('waiting');
  else note('waiting');
});
video.addEventListener('seeking', () => {
  seeking = true;
  note(`seeking to ${video.currentTime}`);
});
video.addEventListener('seeked', () => {
  const seek = m.seeks[m.seeks.length - 1];
  if (seek) seek.seekedAt = Date.now();
});
video.addEventListener('pause', () => {
  if (video.ended) return;
  if (pausedByScenario) note('paused');
});
video.addEventListener('ended', () => {
  m.endedAt = Date.now();
  note('ended');
  finish();
});
video.addEventListener('error', () => {
  m.errors.push(`video element error ${video.error && video.error.code}: ${video.error && video.error.message}`);
});

// ---- the scenario, driven by the playhead ----
let switched = false;
let paused = false;
let sought = false;
let switchRendition = null;
function tick() {
  if (done) return;
  const t = video.currentTime;
  if (m.firstFrameAt !== null && !switched && t >= config.switchAt && switchRendition) {
    switched = true;
    m.renditionSwitchRequestedAt = Date.now();
    note('rendition switch requested');
    try { switchRendition(); } catch (e) { m.errors.push(`switch: ${e}`); }
  }
  if (!paused && t >= config.pauseAt && !video.paused) {
    paused = true;
    pausedByScenario = true;
    m.pauses.push({start: Date.now(), end: null, playheadS: t});
    video.pause();
    setTimeout(() => {
      note('resume requested');
      video.play().catch(e => m.errors.push(`resume: ${e}`));
    }, config.pauseMs);
  }
  if (paused && !sought && t >= config.seekAt && !video.paused
      && m.pauses[m.pauses.length - 1].end !== null) {
    sought = true;
    m.seeks.push({start: Date.now(), end: null, seekedAt: null, fromS: t, toS: config.seekTo});
    video.currentTime = config.seekTo;
  }
}
setInterval(tick, 50);

// ---- the players ----
async function startDashjs() {
  await loadScript('/lib/dash.all.debug.js');
  const player = dashjs.MediaPlayer().create();
  m.playerVersion = player.getVersion();
  player.updateSettings({
    debug: {logLevel: dashjs.Debug.LOG_LEVEL_WARNING},
    streaming: {
      // a short buffer, and no fast switch (it would replace what is buffered at the old rendition)
      buffer: {bufferTimeDefault: 4, bufferTimeAtTopQuality: 4, bufferTimeAtTopQualityLongForm: 4,
        fastSwitchEnabled: false},
      abr: {autoSwitchBitrate: {video: false, audio: false}, initialBitrate: {video: 300}},
      cmcd: {
        enabled: requestMode,
        version: 2,
        sid: config.sid,
        cid: config.cid,
        mode: requestHeaders ? 'headers' : 'query',
        enabledKeys: ALL_CMCD_KEYS,
        includeInRequests: ['segment', 'mpd'],
        eventTargets: eventMode ? [{
          enabled: true,
          url: config.eventTarget,
          events: REPORTED_EVENTS,
          interval: config.intervalSeconds,
          batchSize: 1,
          enabledKeys: ALL_CMCD_KEYS,
        }] : [],
      },
    },
  });
  const E = dashjs.MediaPlayer.events;
  player.on(E.STREAM_INITIALIZED, () => {
    for (const r of player.getRepresentationsByType('video')) {
      m.representations.push({bitrateKbps: Math.round(r.bandwidth / 1000), width: r.width, height: r.height, id: r.id});
    }
    m.representations.sort((a, b) => a.bitrateKbps - b.bitrateKbps);
    const current = player.getCurrentRepresentationForType('video');
    if (current) m.playerRenditions.push({at: Date.now(), source: 'streamInitialized', bitrateKbps: Math.round(current.bandwidth / 1000)});
  });
  player.on(E.QUALITY_CHANGE_RENDERED, (e) => {
    if (e.mediaType !== 'video') return;
    m.playerRenditions.push({at: Date.now(), source: 'qualityChangeRendered', bitrateKbps: Math.round(e.newRepresentation.bandwidth / 1000)});
  });
  player.on(E.ERROR, (e) => m.errors.push(`dash.js error: ${JSON.stringify(e.error && {code: e.error.code, message: e.error.message})}`));
  switchRendition = () => {
    const current = player.getCurrentRepresentationForType('video');
    const all = player.getRepresentationsByType('video');
    const index = all.findIndex(r => r.id !== current.id);
    player.setRepresentationForTypeByIndex('video', index, false);
  };
  m.playRequestedPerfMs = performance.now();
  m.playRequestedAt = Date.now();
  player.initialize(video, config.manifest, true);
  window.__player = player;
}

async function startShaka() {
  await loadScript('/lib/shaka-player.compiled.debug.js');
  shaka.polyfill.installAll();
  shaka.log.setLevel && shaka.log.setLevel(shaka.log.Level.WARNING);
  const player = new shaka.Player();
  await player.attach(video);
  m.playerVersion = shaka.Player.version;
  // One configure() before load: every configure() whose cmcd.eventTargets is a new array rebuilds
  // Shaka's CMCD reporter (its sn restarts), so the scenario never configures again.
  player.configure({
    streaming: {
      bufferingGoal: 4,
      rebufferingGoal: 1,
      // the origin holds one segment until the stall has lasted long enough: no timeouts or retries
      retryParameters: {timeout: 0, stallTimeout: 0, connectionTimeout: 0, maxAttempts: 1},
    },
    abr: {enabled: false, defaultBandwidthEstimate: 500000},
    cmcd: {
      enabled: true,
      version: 2,
      sessionId: config.sid,
      contentId: config.cid,
      useHeaders: requestHeaders,
      includeKeys: [],
      eventTargets: eventMode ? [{
        mode: 'response',
        enabled: true,
        useHeaders: false,
        url: config.eventTarget,
        includeKeys: [],
        events: REPORTED_EVENTS,
        interval: config.intervalSeconds,
        batchSize: 1,
      }] : [],
    },
  });
  player.addEventListener('error', (e) => m.errors.push(`shaka error: ${e.detail && e.detail.code} ${e.detail && e.detail.message}`));
  const activeBitrate = (source) => {
    const active = player.getVariantTracks().find(t => t.active);
    if (active) m.playerRenditions.push({at: Date.now(), source, bitrateKbps: Math.round((active.videoBandwidth || active.bandwidth) / 1000)});
  };
  player.addEventListener('buffering', (e) => e.buffering ? stallStarted('buffering') : stallEnded('buffering'));
  player.addEventListener('adaptation', () => activeBitrate('adaptation'));
  player.addEventListener('variantchanged', () => activeBitrate('variantchanged'));
  switchRendition = () => {
    const tracks = player.getVariantTracks();
    const other = tracks.find(t => !t.active);
    player.selectVariantTrack(other, /* clearBuffer */ false);
  };
  video.autoplay = true;
  m.playRequestedPerfMs = performance.now();
  m.playRequestedAt = Date.now();
  await player.load(config.manifest);
  for (const t of player.getVariantTracks()) {
    m.representations.push({bitrateKbps: Math.round((t.videoBandwidth || t.bandwidth) / 1000), width: t.width, height: t.height, id: String(t.id)});
  }
  m.representations.sort((a, b) => a.bitrateKbps - b.bitrateKbps);
  activeBitrate('loaded');
  recordRenderedRendition();
  window.__player = player;
}

(config.player === 'dashjs' ? startDashjs() : config.player === 'shaka' ? startShaka()
  : Promise.reject(new Error(`unknown player ${config.player}`))).catch(fail);
