// One run of an SDK scenario: the OpenQoE web SDK (served from ingest/web-sdk/dist under /sdk/)
// tracks one player while the page plays the scenario and measures it itself, from the media
// element and the library's own events, on the SDK's clock (performance.now()).
// Configured by the query string (written by the Java side, SdkHarness):
//   adapter   html5 | hlsjs | dashjs | shaka
//   scenario  play | stall | seek | pause | switch | manifest-404 | business-error |
//             close-during-startup | preroll-ad | collector-503 | corrupt-segment
//   collector the collector's base URL (the tap's); key the property key
//   source    the media: the mp4 of the lowest rendition (html5), the master playlist (hls.js),
//             the MPD (dash.js, Shaka)
//   files     html5 only: the progressive files, `<kbps>:<height>:<url>` joined by `,`, low to high
//   run       run id; the page tells the origin /harness/stalled?run=<id> when a stall begins, so
//             the origin releases what it holds a fixed time later (a stall of a known length)
//   seekAt seekTo pauseAt pauseMs switchAt adMs closeAfterMs: the scenario's instants (s) and lengths (ms)
// When done the page sets window.__harness = {done: true, measurements}; for close-during-startup
// the driver then closes the page (pagehide), which is the scenario's exit.

const query = new URLSearchParams(location.search);
const number = (name, fallback) => Number(query.get(name) || fallback);
const config = {
  adapter: query.get('adapter'),
  scenario: query.get('scenario'),
  collector: query.get('collector'),
  key: query.get('key'),
  source: query.get('source'),
  files: (query.get('files') || '').split(',').filter(Boolean).map((f) => {
    const [kbps, height, ...url] = f.split(':');
    return {bitrateKbps: Number(kbps), height: Number(height), url: url.join(':')};
  }),
  run: query.get('run'),
  seekAt: number('seekAt', 2),
  seekTo: number('seekTo', 5),
  pauseAt: number('pauseAt', 2),
  pauseMs: number('pauseMs', 1000),
  switchAt: number('switchAt', 3),
  adMs: number('adMs', 1000),
  closeAfterMs: number('closeAfterMs', 800),
  watchdogMs: number('watchdogMs', 40000),
};

const video = document.getElementById('video');
const now = () => performance.now();
const m = {
  adapter: config.adapter,
  scenario: config.scenario,
  sessionId: null,
  libraryVersion: null,
  playRequestedAt: null,
  adBreaks: [],           // {start, end}
  firstFrameAt: null,
  firstFrameCallbackAt: null,
  firstFramePresentationTime: null,
  firstPresentedFrameAt: null,
  stalls: [],             // {start, end}
  seeks: [],              // {start, seekedAt, end}
  seekBuffering: 0,       // waiting (Shaka: buffering) while seeking: what must not count as a stall
  pauses: [],             // {start, end}
  renditions: [],         // rendered video rendition: {at, height, bitrateKbps}
  libraryRenditions: [],  // what the library's own events said: {at, source, bitrateKbps}
  representations: [],    // the library's video renditions: {bitrateKbps, height}
  libraryErrors: [],      // {at, code, fatal}
  businessErrorAt: null,
  fatalErrorAt: null,
  renditionSwitchRequestedAt: null,
  endedAt: null,
  stoppedAt: null,
  figures: null,
  sdkStats: null,
  diagnostics: [],
  errors: [],
  log: [],
};
window.__harnessProgress = m;
let tracker = null;
let done = false;
let seeking = false;

function note(text) {
  m.log.push(`${Math.round(now())} ${text}`);
}
function fail(error) {
  m.errors.push(String(error && error.stack || error));
  finish();
}
setTimeout(() => { if (!done) fail(`watchdog: scenario not finished after ${config.watchdogMs} ms`); },
  config.watchdogMs);

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.appendChild(script);
  });
}

// ---- the page's own figures, computed as the session model defines them ----
function closed(intervals, end) {
  return intervals.map((i) => ({start: i.start, end: i.end === null || i.end === undefined ? end : i.end}));
}
function overlap(intervals, from, to) {
  let total = 0;
  for (const i of intervals) total += Math.max(0, Math.min(i.end, to) - Math.max(i.start, from));
  return total;
}
function figures() {
  // playback ends at the end of the stream, or at a fatal error
  const end = m.endedAt !== null ? m.endedAt : m.fatalErrorAt !== null ? m.fatalErrorAt : m.stoppedAt;
  const ads = closed(m.adBreaks, end);
  const f = {
    startupMs: null, adMs: overlap(ads, -Infinity, Infinity), rebufferCount: m.stalls.length,
    rebufferMs: 0, seekCount: m.seeks.length, pauseCount: m.pauses.length, pauseMs: 0, playMs: 0,
    avgBitrateKbps: null,
  };
  if (m.playRequestedAt !== null && m.firstFrameAt !== null) {
    f.startupMs = m.firstFrameAt - m.playRequestedAt - overlap(ads, m.playRequestedAt, m.firstFrameAt);
  }
  if (m.firstFrameAt === null) return f;
  const stalls = closed(m.stalls, end);
  const pauses = closed(m.pauses, end);
  // a seek is not play from seeking to seeked (the session model's seek_start .. seek_end)
  const seeks = m.seeks.map((s) => ({start: s.start, end: s.seekedAt !== null ? s.seekedAt : end}));
  const notPlaying = [...stalls, ...pauses, ...seeks];
  f.rebufferMs = overlap(stalls, -Infinity, Infinity);
  f.pauseMs = overlap(pauses, -Infinity, Infinity);
  const playBetween = (from, to) => Math.max(0, to - from - overlap(notPlaying, from, to));
  f.playMs = playBetween(m.firstFrameAt, end);
  // the rendered rendition weighted by play time, as avg_bitrate_kbps is
  let weighted = 0;
  let weight = 0;
  m.renditions.forEach((r, index) => {
    const from = Math.max(r.at, m.firstFrameAt);
    const to = index + 1 < m.renditions.length ? m.renditions[index + 1].at : end;
    const played = to > from ? playBetween(from, to) : 0;
    if (r.bitrateKbps !== null && played > 0) {
      weighted += r.bitrateKbps * played;
      weight += played;
    }
  });
  f.avgBitrateKbps = weight === 0 ? null : weighted / weight;
  return f;
}

async function finish() {
  if (done) return;
  done = true;
  m.stoppedAt = now();
  for (const r of m.renditions) if (r.bitrateKbps === null) r.bitrateKbps = bitrateForHeight(r.height);
  m.figures = figures();
  if (tracker && config.scenario !== 'close-during-startup') {
    // what the tracker accepted has gone out (the collector-503 run retries for a while); first
    // the SDK's own listeners of the event that ended the run (registered after the page's)
    await new Promise((r) => setTimeout(r, 0));
    try { await tracker.flush(); } catch (e) { m.errors.push(`flush: ${e}`); }
    const until = now() + 15000;
    while (tracker.stats().queued > 0 && now() < until) await new Promise((r) => setTimeout(r, 50));
  }
  if (tracker) m.sdkStats = tracker.stats();
  window.__harness = {done: true, measurements: m};
}

// ---- what the page sees on the media element ----
function bitrateForHeight(height) {
  const match = m.representations.find((r) => r.height === height);
  return match ? match.bitrateKbps : null;
}
function recordRenderedRendition() {
  if (!video.videoHeight) return;
  const last = m.renditions[m.renditions.length - 1];
  if (last && last.height === video.videoHeight) return;
  m.renditions.push({at: now(), height: video.videoHeight, bitrateKbps: bitrateForHeight(video.videoHeight)});
  note(`rendition ${video.videoHeight}p`);
}
// The first frame of playback: the first frame presented while the element plays. A frame shown
// while the element is still paused (autoplay waits for enough data) or held at playbackRate 0
// (Shaka while it buffers) is a still picture, and the startup wait goes on until playback moves;
// that one is kept as firstPresentedFrameAt.
function watchFirstFrame() {
  video.requestVideoFrameCallback((frameNow, metadata) => {
    if (m.firstFrameAt !== null || m.playRequestedAt === null) return;
    if (m.firstPresentedFrameAt === null) m.firstPresentedFrameAt = frameNow;
    if (video.paused || video.playbackRate === 0) {
      watchFirstFrame();
      return;
    }
    // the frame's time (the rendering step it was presented in), not when this callback got the
    // main thread: a busy player (hls.js transmuxing) delays callbacks by tens of ms
    m.firstFrameAt = frameNow;
    m.firstFrameCallbackAt = now();
    m.firstFramePresentationTime = metadata.presentationTime;
    recordRenderedRendition();
    note('first frame');
  });
}
video.addEventListener('resize', () => { if (m.firstFrameAt !== null) recordRenderedRendition(); });
function stallStarted(source) {
  if (seeking) m.seekBuffering++;
  if (m.firstFrameAt === null || seeking || video.paused || video.ended) {
    note(`${source} (not a stall)`);
    return;
  }
  const last = m.stalls[m.stalls.length - 1];
  if (last && last.end === null) return;
  m.stalls.push({start: now(), end: null});
  note(`stall start (${source}) at ${video.currentTime}`);
  fetch(`/harness/stalled?run=${encodeURIComponent(config.run)}`).catch(() => {});
}
function stallEnded(source) {
  const last = m.stalls[m.stalls.length - 1];
  if (last && last.end === null) {
    last.end = now();
    note(`stall end (${source})`);
  }
}
// Shaka sets playbackRate to 0 while it buffers, so the element never fires waiting: its own
// buffering event says it (see the harness README).
video.addEventListener('waiting', () => {
  if (config.adapter !== 'shaka') stallStarted('waiting');
});
video.addEventListener('playing', () => {
  if (config.adapter !== 'shaka') stallEnded('playing');
  const seek = m.seeks[m.seeks.length - 1];
  if (seek && seek.end === null) seek.end = now();
});
video.addEventListener('seeking', () => {
  if (m.firstFrameAt === null) return;
  if (!seeking) m.seeks.push({start: now(), seekedAt: null, end: null});
  seeking = true;
  note(`seeking to ${video.currentTime}`);
});
video.addEventListener('seeked', () => {
  if (!seeking) return;
  seeking = false;
  m.seeks[m.seeks.length - 1].seekedAt = now();
  note('seeked');
});
video.addEventListener('pause', () => {
  if (video.ended || m.firstFrameAt === null) return;
  m.pauses.push({start: now(), end: null});
  note('pause');
});
video.addEventListener('play', () => {
  const pause = m.pauses[m.pauses.length - 1];
  if (pause && pause.end === null) {
    pause.end = now();
    note('play after pause');
  }
});
video.addEventListener('ended', () => {
  m.endedAt = now();
  note('ended');
  finish();
});
video.addEventListener('error', () => {
  if (config.adapter !== 'html5') return; // the libraries report their own (below)
  libraryError(String(video.error && video.error.code), true);
});
function libraryError(code, fatal) {
  m.libraryErrors.push({at: now(), code, fatal});
  if (fatal && m.fatalErrorAt === null) m.fatalErrorAt = now();
  note(`library error ${code} fatal=${fatal}`);
  if (fatal) setTimeout(finish, 300);
}
function libraryRendition(source, bitrateKbps) {
  m.libraryRenditions.push({at: now(), source, bitrateKbps});
}

// ---- the scenario, driven by the playhead ----
let scenarioDone = {seek: false, pause: false, switch: false};
let switchToTop = null;
function tick() {
  if (done || m.firstFrameAt === null) return;
  const t = video.currentTime;
  if (config.scenario === 'seek' && !scenarioDone.seek && t >= config.seekAt) {
    scenarioDone.seek = true;
    video.currentTime = config.seekTo;
  }
  if (config.scenario === 'pause' && !scenarioDone.pause && t >= config.pauseAt) {
    scenarioDone.pause = true;
    video.pause();
    setTimeout(() => video.play().catch((e) => m.errors.push(`resume: ${e}`)), config.pauseMs);
  }
  if (config.scenario === 'switch' && !scenarioDone.switch && t >= config.switchAt) {
    scenarioDone.switch = true;
    m.renditionSwitchRequestedAt = now();
    note('switch to the top rendition');
    try { switchToTop(); } catch (e) { m.errors.push(`switch: ${e}`); }
  }
}
setInterval(tick, 20);

// ---- the players: each returns {adapter, start()}; start() begins loading and playing ----
async function html5Player(sdk) {
  m.libraryVersion = navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] || 'native';
  m.representations = config.files.map((f) => ({bitrateKbps: f.bitrateKbps, height: f.height}));
  const low = config.files[0];
  const top = config.files[config.files.length - 1];
  switchToTop = () => {
    // a native element plays one file: switching rendition is loading the other one where the
    // playhead is, and telling the SDK, which cannot see it
    const at = video.currentTime;
    video.src = `${top.url}#t=${at.toFixed(3)}`;
    video.play().catch((e) => m.errors.push(`play after switch: ${e}`));
    tracker.setBitrate(top.bitrateKbps);
    libraryRendition('setBitrate', top.bitrateKbps);
  };
  return {
    adapter: sdk.html5(),
    beforeStart: () => { tracker.setBitrate(low.bitrateKbps); libraryRendition('setBitrate', low.bitrateKbps); },
    start: () => {
      video.src = config.source;
      video.play().catch((e) => note(`play(): ${e}`));
    },
  };
}

async function hlsjsPlayer(sdk) {
  await loadScript('/lib/hls.min.js');
  m.libraryVersion = Hls.version;
  const hls = new Hls({startLevel: 0, capLevelToPlayerSize: false, maxBufferLength: 2, maxMaxBufferLength: 3,
    backBufferLength: 0});
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    m.representations = hls.levels.map((l) => ({bitrateKbps: Math.round(l.bitrate / 1000), height: l.height}));
    hls.loadLevel = 0; // no ABR: the lowest rendition until the scenario switches
    video.play().catch((e) => note(`play(): ${e}`));
  });
  hls.on(Hls.Events.LEVEL_SWITCHED, (event, data) =>
    libraryRendition('LEVEL_SWITCHED', Math.round(hls.levels[data.level].bitrate / 1000)));
  hls.on(Hls.Events.ERROR, (event, data) => libraryError(data.details, data.fatal));
  switchToTop = () => { hls.currentLevel = hls.levels.length - 1; };
  window.__player = hls;
  return {
    adapter: sdk.hlsjs(hls),
    start: () => {
      hls.attachMedia(video);
      hls.loadSource(config.source);
    },
  };
}

async function dashjsPlayer(sdk) {
  await loadScript('/lib/dash.all.min.js');
  const player = dashjs.MediaPlayer().create();
  m.libraryVersion = player.getVersion();
  player.updateSettings({
    debug: {logLevel: dashjs.Debug.LOG_LEVEL_WARNING},
    streaming: {
      buffer: {bufferTimeDefault: 2, bufferTimeAtTopQuality: 2, bufferTimeAtTopQualityLongForm: 2,
        fastSwitchEnabled: true},
      abr: {autoSwitchBitrate: {video: false, audio: false}, initialBitrate: {video: 100}},
    },
  });
  const E = dashjs.MediaPlayer.events;
  player.on(E.STREAM_INITIALIZED, () => {
    m.representations = player.getRepresentationsByType('video')
      .map((r) => ({bitrateKbps: Math.round(r.bandwidth / 1000), height: r.height}));
  });
  player.on(E.QUALITY_CHANGE_RENDERED, (e) => {
    if (e.mediaType === 'video') libraryRendition('QUALITY_CHANGE_RENDERED', Math.round(e.newRepresentation.bandwidth / 1000));
  });
  player.on(E.ERROR, (e) => libraryError(String(e.error && e.error.code), true));
  switchToTop = () => {
    const all = player.getRepresentationsByType('video');
    player.setRepresentationForTypeByIndex('video', all.length - 1, true);
  };
  window.__player = player;
  return {
    adapter: sdk.dashjs(player),
    start: () => player.initialize(video, config.source, true),
  };
}

async function shakaPlayer(sdk) {
  await loadScript('/lib/shaka-player.compiled.js');
  shaka.polyfill.installAll();
  const player = new shaka.Player();
  await player.attach(video);
  m.libraryVersion = shaka.Player.version;
  player.configure({
    streaming: {bufferingGoal: 3, rebufferingGoal: 1,
      // the origin holds a file until the stall has lasted long enough: no timeouts or retries
      retryParameters: {timeout: 0, stallTimeout: 0, connectionTimeout: 0, maxAttempts: 1}},
    // no ABR, and the lowest rendition first: Shaka's first choice goes through its ABR manager
    // even when ABR is off, and took the top rendition from the estimate of this fast origin
    abr: {enabled: false, defaultBandwidthEstimate: 100000, restrictions: {maxHeight: 180}},
  });
  const active = (source) => {
    const track = player.getVariantTracks().find((t) => t.active);
    if (track) libraryRendition(source, Math.round((track.videoBandwidth || track.bandwidth) / 1000));
  };
  player.addEventListener('buffering', (e) => (e.buffering ? stallStarted('buffering') : stallEnded('buffering')));
  player.addEventListener('adaptation', () => active('adaptation'));
  player.addEventListener('variantchanged', () => active('variantchanged'));
  player.addEventListener('error', (e) => libraryError(String(e.detail && e.detail.code), e.detail && e.detail.severity === 2));
  switchToTop = () => {
    const tracks = player.getVariantTracks().sort((a, b) => a.bandwidth - b.bandwidth);
    player.selectVariantTrack(tracks[tracks.length - 1], /* clearBuffer */ true);
  };
  window.__player = player;
  return {
    adapter: sdk.shaka(player),
    start: async () => {
      video.autoplay = true;
      try {
        await player.load(config.source);
      } catch (e) {
        // a failed load() rejects; Shaka dispatches no error event for it
        libraryError(String(e && e.code), !!e && e.severity === 2);
        return;
      }
      m.representations = player.getVariantTracks()
        .map((t) => ({bitrateKbps: Math.round((t.videoBandwidth || t.bandwidth) / 1000), height: t.height}));
      recordRenderedRendition();
    },
  };
}

const PLAYERS = {html5: html5Player, hlsjs: hlsjsPlayer, dashjs: dashjsPlayer, shaka: shakaPlayer};

async function main() {
  let sdk;
  try {
    sdk = await import('/sdk/openqoe.mjs');
  } catch (e) {
    throw new Error(`cannot load the SDK build /sdk/openqoe.mjs (ingest/web-sdk/dist): ${e}`);
  }
  const makePlayer = PLAYERS[config.adapter];
  if (!makePlayer) throw new Error(`unknown adapter ${config.adapter}`);
  const player = await makePlayer(sdk);
  tracker = sdk.createTracker({
    collectorUrl: config.collector,
    propertyKey: config.key,
    video,
    adapter: player.adapter,
    dimensions: {asset_id: `sdk-${config.scenario}`, stream_type: 'vod', viewer_id: 'harness-viewer',
      custom: {run: config.run}},
    onDiagnostic: (d) => { if (m.diagnostics.length < 50) m.diagnostics.push(d); },
  });
  m.sessionId = tracker.sessionId;
  window.__tracker = tracker;
  if (player.beforeStart) player.beforeStart();
  watchFirstFrame();
  m.playRequestedAt = now();
  tracker.playRequested();
  note('play requested');
  if (config.scenario === 'business-error') {
    // the entitlement check failed: the content is never loaded
    m.businessErrorAt = now();
    tracker.businessError('ENTITLEMENT_DENIED');
    note('business error');
    finish();
    return;
  }
  if (config.scenario === 'preroll-ad') {
    // the ad plays elsewhere (an ad SDK's own element); the page only knows when it runs
    const ad = {start: now(), end: null};
    m.adBreaks.push(ad);
    tracker.adBreakStart();
    await new Promise((r) => setTimeout(r, config.adMs));
    ad.end = now();
    tracker.adBreakEnd();
    note('ad break over');
  }
  if (config.scenario === 'close-during-startup') {
    // the origin holds the first segment: the viewer gives up and closes the page
    setTimeout(() => { note('closing'); finish(); }, config.closeAfterMs);
  }
  await player.start();
}

main().catch(fail);
