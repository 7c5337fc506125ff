// The OpenQoE web SDK core: one tracker per <video> element, sending protocol-v1 beacons
// (schemas/README.md) whose meaning stream-jobs/session-model/README.md defines.
import { newSessionId } from './core/ids.js';
import { createQueue } from './core/queue.js';
import { createSender } from './core/sender.js';
import { watchPlayback } from './core/playback.js';
import { html5 } from './adapters/html5.js';

const DIMENSIONS = ['viewer_id', 'asset_id', 'stream_type', 'player_name', 'player_version',
  'device_type', 'os', 'app_version', 'cdn', 'drm_system', 'custom'];

function required(options, name) {
  if (!options[name]) throw new TypeError(`OpenQoe: option '${name}' is required`);
  return options[name];
}

export function createTracker(options) {
  const o = {
    heartbeatIntervalMs: 10000, maxBatchDelayMs: 1000, maxBatchEvents: 20, maxQueuedEvents: 500,
    gzip: true, cmcd: false, ...options,
  };
  const g = globalThis;
  const video = required(o, 'video');
  const base = String(required(o, 'collectorUrl')).replace(/\/+$/, '');
  const key = '?k=' + encodeURIComponent(required(o, 'propertyKey'));
  const perf = o.performance || g.performance;
  const now = o.now || (() => perf.timeOrigin + perf.now());
  const timers = o.timers || g;
  const transport = o.transport || {
    fetch: (url, init) => g.fetch(url, init),
    sendBeacon: (url, body) => g.navigator.sendBeacon(url, body),
  };
  const win = o.window || g.window;
  const doc = o.document || g.document;
  const adapter = o.adapter || html5();
  const cdnName = o.cdn || ((url) => new URL(url, g.location && g.location.href).host);

  const stats = {
    sent: 0, acknowledged: 0, retried: 0, droppedHeartbeats: 0, droppedEvents: 0, refused: 0,
    rejected: 0, beaconed: 0, lost: 0, queued: 0, lastStatus: null, attempt: 0, repeatedErrors: 0,
  };
  const warned = {};
  function report(d) {
    if ((d.type === 'refused' || d.type === 'rejected') && !warned[d.error || d.type]) {
      warned[d.error || d.type] = 1;
      console.warn(`OpenQoE: the collector ${d.type} beacons (HTTP ${d.status}): ${d.reason || JSON.stringify(d.errors)}`);
    }
    if (o.onDiagnostic) {
      try {
        o.onDiagnostic(d);
      } catch (e) {
        // the page's handler failing must not stop the tracker
      }
    }
  }

  const dims = { player_name: adapter.name, player_version: adapter.version };
  setDimensions(o.dimensions);
  let bitrate = 0;
  let session;
  let heartbeat = null;
  let batchTimer = null;

  const queue = createQueue(o.maxQueuedEvents, () => sender.inFlight(), (e) => {
    if (e.type === 'heartbeat') stats.droppedHeartbeats++;
    else stats.droppedEvents++;
    report({ type: 'dropped', event: e.type, queued: o.maxQueuedEvents });
  });
  const sender = createSender({
    url: base + '/v1/beacons' + key, transport, timers, queue, stats, report,
    gzip: o.gzip, maxBatchEvents: o.maxBatchEvents,
  });
  startSession();

  // the collector refuses a whole beacon for one bad dimension, so a bad value is refused here,
  // with the reason, and the beacons go without it
  function problem(name, value) {
    if (!DIMENSIONS.includes(name)) return 'is not a protocol-v1 dimension; use custom';
    if (name !== 'custom') return String(value).length > 256 ? 'is longer than 256 characters' : '';
    const keys = Object.keys(value);
    if (keys.length > 10) return `has ${keys.length} entries, at most 10 are allowed`;
    for (const k of keys) {
      if (!k || k.length > 64) return `has a key of ${k.length} characters, 1 to 64 are allowed`;
      if (typeof value[k] !== 'string' || value[k].length > 256) return `value of '${k}' is not a string of at most 256 characters`;
    }
    return '';
  }

  function setDimensions(values) {
    for (const name in values || {}) {
      const value = values[name];
      if (value == null) continue;
      const reason = problem(name, value);
      if (reason) report({ type: 'invalid_dimension', name, reason: `'${name}' ${reason}` });
      else dims[name] = value;
    }
  }

  function startSession() {
    session = { id: newSessionId(), seq: 0, requested: false, ended: false, count: 0, sent: {}, recovered: {} };
    stats.attempt++;
    if (o.cmcd) {
      const target = base + '/v1/cmcd' + key;
      if (!(adapter.cmcd && adapter.cmcd(session.id + '.cmcd', target))) {
        report({ type: 'cmcd_unsupported', player: adapter.name, reason: `${adapter.name} has no CMCD v2 reporter; the SDK's beacons carry the same states` });
      }
    }
  }

  function flushSoon() {
    if (batchTimer) return;
    batchTimer = timers.setTimeout(() => {
      batchTimer = null;
      sender.kick();
    }, o.maxBatchDelayMs);
  }

  function flush() {
    if (batchTimer) timers.clearTimeout(batchTimer);
    batchTimer = null;
    return sender.kick();
  }

  function beacon(type, fields) {
    const e = { v: 1, session_id: session.id, type, ts: Math.round(now()) };
    const time = video.currentTime;
    if (time >= 0 && time < Infinity) e.playhead_ms = Math.round(time * 1000);
    Object.assign(e, fields);
    // every dimension on a session's first beacon, then only the ones that changed
    for (const name of DIMENSIONS) {
      const value = dims[name];
      if (value == null || value === '') continue;
      const text = JSON.stringify(value);
      if (session.sent[name] !== text) {
        session.sent[name] = text;
        e[name] = value;
      }
    }
    session.count++;
    return e;
  }

  function emit(type, fields) {
    if (session.ended) return;
    queue.push({ s: session, e: beacon(type, fields) });
    // an error may be the last thing the page does: send it at once, like the end
    if (type === 'error' || queue.items.length >= o.maxBatchEvents) flush();
    else flushSoon();
  }

  function stopHeartbeat() {
    if (heartbeat) timers.clearTimeout(heartbeat);
    heartbeat = null;
  }
  function beat() {
    stopHeartbeat();
    if (!(o.heartbeatIntervalMs > 0)) return;
    heartbeat = timers.setTimeout(() => {
      emit('heartbeat');
      beat();
    }, o.heartbeatIntervalMs);
  }

  // closes the session: an `end` beacon when anything was said about it, nothing after
  function close(withEnd) {
    if (session.ended) return;
    if (withEnd && session.count) queue.push({ s: session, e: beacon('end') });
    session.ended = true;
    stopHeartbeat();
  }

  function end() {
    close(true);
    return flush();
  }

  function newSession() {
    close(true);
    flush();
    startSession();
    playback.reset();
  }

  function playRequested() {
    if (session.ended) newSession();
    if (session.requested) return;
    session.requested = true;
    emit('play_request');
    beat();
    playback.requested();
  }

  function error(code, opts, category) {
    const fatal = !!(opts && opts.fatal);
    emit('error', {
      error_code: String(code), error_fatal: fatal,
      error_category: category || (opts && opts.category) || 'technical',
    });
    if (fatal) close(false);
  }

  const playback = watchPlayback(video, {
    emit,
    playRequested,
    open: () => session.requested && !session.ended,
    ended: end,
    // a frame's presentation time (performance.now() scale) on the tracker's clock
    frameTs(frameNow) {
      const late = perf.now() - frameNow;
      return Math.round(now() - (late > 0 && late < 1000 ? late : 0));
    },
    // the rendition at the first frame, as the adapter sees it now; a later switch event
    // naming the same rendition is then no change
    bitrate: () => (bitrate = (adapter.current && adapter.current()) || bitrate),
  });

  // A player reports what it recovers from as often as it happens (hls.js: every fragment it could
  // not parse, every append that made no progress; 11 in one corrupt segment's run). Each error
  // beacon counts in the session's error_count, so the same recovered error again would say the
  // viewer met more errors than they did: a non-fatal error of the player is sent once per code and
  // session, its repeats only counted (stats().repeatedErrors). Fatal errors and the page's own
  // error()/businessError() calls are always sent.
  function playerError(code, fatal) {
    if (!fatal) {
      if (session.recovered[code]) {
        stats.repeatedErrors++;
        return;
      }
      session.recovered[code] = true;
    }
    error(code, { fatal });
  }

  function setBitrate(kbps) {
    kbps = Math.round(kbps);
    if (!(kbps > 0) || kbps === bitrate) return;
    bitrate = kbps;
    if (playback.firstFrame() && !session.ended) emit('bitrate_change', { bitrate_kbps: kbps });
  }

  // A player reports a rendition switch when its fragments are in the buffer or, at best, when the
  // buffered fragment at the playhead changed (hls.js: LEVEL_SWITCHED is raised together with
  // FRAG_CHANGED, its "fragment now playing"; dash.js: QUALITY_CHANGE_RENDERED). In Chromium both
  // come ~1 s (a segment) before the element shows the new rendition, and Shaka's `adaptation`
  // comes a whole buffer early. The moment the viewer gets the new rendition is the element's
  // `resize` to its height: a switch to another height waits for it. A switch between renditions
  // of the same height has no such moment, and there the player's report is the best one.
  let pending = null;
  function renditionSwitched(kbps, height) {
    kbps = Math.round(kbps);
    if (!(kbps > 0)) return;
    if (height > 0 && playback.firstFrame() && height !== video.videoHeight) {
      pending = { kbps, height };
      return;
    }
    pending = null;
    setBitrate(kbps);
  }
  const onResize = () => {
    if (!pending || video.videoHeight !== pending.height) return;
    const kbps = pending.kbps;
    pending = null;
    setBitrate(kbps);
  };
  video.addEventListener('resize', onResize);

  const detach = adapter.attach(video, {
    bitrate: renditionSwitched,
    error: playerError,
    buffering: (on) => (on ? playback.bufferingStarted() : playback.bufferingEnded()),
    url(url) {
      let name;
      try {
        name = cdnName(url);
      } catch (e) {
        return;
      }
      if (name) dims.cdn = name;
    },
    report,
  });

  // leaving the page: the end and everything queued go with sendBeacon, which survives unload,
  // so an exit before the first frame still reaches the collector (EBVS)
  const onPageHide = () => {
    close(true);
    if (batchTimer) timers.clearTimeout(batchTimer);
    batchTimer = null;
    sender.beaconAll();
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') flush();
  };
  if (win) win.addEventListener('pagehide', onPageHide);
  if (doc) doc.addEventListener('visibilitychange', onVisibility);

  return {
    get sessionId() {
      return session.id;
    },
    get attempt() {
      return stats.attempt;
    },
    playRequested,
    adBreakStart() {
      // an ad before any play request is the start of playback: the startup wait begins
      if (!session.requested || session.ended) playRequested();
      if (playback.inAd()) return;
      playback.adStart();
      emit('ad_break_start');
    },
    adBreakEnd() {
      if (!playback.inAd()) return;
      playback.adEnd();
      emit('ad_break_end');
    },
    businessError: (code, opts) => error(code, { fatal: !(opts && opts.fatal === false) }, 'business'),
    error: (code, opts) => error(code, opts),
    setDimensions,
    setBitrate,
    end,
    newSession,
    flush,
    destroy() {
      close(true);
      playback.stop();
      video.removeEventListener('resize', onResize);
      if (detach) detach();
      if (win) win.removeEventListener('pagehide', onPageHide);
      if (doc) doc.removeEventListener('visibilitychange', onVisibility);
      return flush();
    },
    stats() {
      return { ...stats, queued: queue.items.length + sender.inFlight(), sessionId: session.id };
    },
  };
}

export { html5 };
