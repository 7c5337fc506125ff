// Test doubles for the tracker: a clock with timers that only move when the test says so, a
// transport that records requests and answers as told, a minimal <video> element and the page's
// window/document as plain EventTargets.
import { gunzipSync } from 'node:zlib';
import { createTracker } from '../src/index.js';

export const T0 = 1767225600000;

// the promises the tracker chains (fetch answers, reading bodies) settle within a few turns
export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

export function fakeClock(start = T0) {
  let time = start;
  let next = 0;
  const due = new Map();
  return {
    now: () => time,
    setTimeout(fn, ms) {
      due.set(++next, { at: time + ms, fn });
      return next;
    },
    clearTimeout(id) {
      due.delete(id);
    },
    pending: () => due.size,
    /** moves the clock by ms, running each timer at its time, in order */
    async advance(ms) {
      await settle(); // answers already on their way schedule their timers first
      const end = time + ms;
      for (;;) {
        let first = null;
        for (const [id, t] of due) if (t.at <= end && (!first || t.at < first[1].at)) first = [id, t];
        if (!first) break;
        due.delete(first[0]);
        time = first[1].at;
        first[1].fn();
        await settle();
      }
      time = end;
      await settle();
    },
  };
}

function bodyText(body) {
  return typeof body === 'string' ? body : gunzipSync(Buffer.from(body)).toString('utf8');
}

/** answers: a list consumed one per request: {status, headers, body} or {network: true}; default 200 */
export function fakeTransport() {
  const t = {
    requests: [],
    beacons: [],
    answers: [],
    beaconAccepts: true,
    hold: null, // a promise a request waits on before it is answered
    async fetch(url, init) {
      const events = JSON.parse(bodyText(init.body)).events;
      const request = { url, init, events };
      t.requests.push(request);
      if (t.hold) await t.hold;
      const answer = t.answers.shift() || { status: 200 };
      request.status = answer.network ? 0 : answer.status;
      if (answer.network) throw new TypeError('Failed to fetch');
      const body = answer.body || { accepted: events.length, rejected: 0, errors: [] };
      return {
        status: answer.status,
        headers: new Headers(answer.headers || {}),
        text: async () => JSON.stringify(body),
      };
    },
    sendBeacon(url, body) {
      t.beacons.push({ url, body, events: JSON.parse(body).events });
      return t.beaconAccepts;
    },
    /** every beacon that reached the collector, a repeated (session, seq) once */
    delivered() {
      const seen = new Set();
      const all = [];
      const sources = [...t.requests.filter((r) => r.status >= 200 && r.status < 300), ...t.beacons];
      for (const source of sources) {
        for (const e of source.events) {
          const key = e.session_id + '/' + e.seq;
          if (!seen.has(key)) {
            seen.add(key);
            all.push(e);
          }
        }
      }
      return all;
    },
    types: () => t.requests.flatMap((r) => r.events).concat(t.beacons.flatMap((b) => b.events)).map((e) => e.type),
  };
  return t;
}

export class FakeVideo extends EventTarget {
  constructor() {
    super();
    this.currentTime = 0;
    this.paused = true;
    this.playbackRate = 1;
    this.videoHeight = 0;
    this.ended = false;
    this.error = null;
    this.currentSrc = '';
    this.frameCallbacks = [];
  }
  requestVideoFrameCallback(callback) {
    this.frameCallbacks.push(callback);
  }
  /** the compositor presents a frame: the callbacks armed so far fire once, `lateMs` after it */
  presentFrame(lateMs = 0) {
    const callbacks = this.frameCallbacks;
    this.frameCallbacks = [];
    const presented = (this.performance || performance).now() - lateMs;
    for (const callback of callbacks) callback(presented, { presentationTime: presented });
  }
  /** the element shows frames of another size */
  resize(height) {
    this.videoHeight = height;
    this.fire('resize');
  }
  fire(type) {
    this.dispatchEvent(new Event(type));
  }
  play() {
    this.paused = false;
    this.fire('play');
  }
  pause() {
    this.paused = true;
    this.fire('pause');
  }
}

export class FakeDocument extends EventTarget {
  constructor() {
    super();
    this.visibilityState = 'visible';
  }
  hide() {
    this.visibilityState = 'hidden';
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

/** a tracker on fakes; options override the defaults */
export function setup(options = {}) {
  const clock = fakeClock();
  const transport = fakeTransport();
  const video = options.video || new FakeVideo();
  const window = new EventTarget();
  const document = new FakeDocument();
  const diagnostics = [];
  // requestVideoFrameCallback's clock (performance.now()), moving with the fake clock
  const performance = { timeOrigin: T0, now: () => clock.now() - T0 };
  video.performance = performance;
  const tracker = createTracker({
    collectorUrl: 'http://127.0.0.1:8480/',
    propertyKey: 'dev key',
    video,
    dimensions: { asset_id: 'movie-42', stream_type: 'vod' },
    now: clock.now,
    performance,
    timers: clock,
    transport,
    window,
    document,
    onDiagnostic: (d) => diagnostics.push(d),
    ...options,
  });
  return { clock, transport, video, window, document, diagnostics, tracker };
}

/** play until the first frame: play_request and first_frame queued */
export function start(f) {
  f.video.play();
  f.video.presentFrame();
}
