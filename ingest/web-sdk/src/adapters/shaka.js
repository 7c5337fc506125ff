// Shaka Player (5.x): the rendition from `adaptation` and `variantchanged` (the active variant's
// video bandwidth and height; Shaka raises them when it switches streams, a buffer ahead of the
// screen, so the tracker stamps the switch at the element's resize to that height), errors from its `error` event (severity 2, CRITICAL, is fatal; 1, RECOVERABLE,
// is not; the code is Shaka's number), its `buffering` event as the buffering signal (Shaka sets
// the playback rate to 0 while it buffers, so the element never fires `waiting`), the CDN from
// every manifest and segment response URI, and CMCD v2 event reporting through configure().
// Shaka does not dispatch the errors that make load() fail (a 404 manifest: 1001/1002) as `error`
// events, it rejects load()'s promise with them: the adapter wraps this player's load() to see
// them (the page's promise rejects as before), except 7000/7001, a load replaced or aborted by the page.
// Create the tracker after player.attach(video) and before player.load(): every configure() that
// gives cmcd.eventTargets a new array rebuilds Shaka's CMCD reporter.
import { CMCD_EVENTS, CMCD_INTERVAL_S } from './cmcd.js';

const MANIFEST = 0;
const SEGMENT = 1;
const CRITICAL = 2;
const LOAD_INTERRUPTED = 7000;
const OPERATION_ABORTED = 7001;

export function shaka(player) {
  const active = () => (player.getVariantTracks && player.getVariantTracks().find((t) => t.active)) || {};
  const current = () => {
    const track = active();
    const bps = track.videoBandwidth || track.bandwidth;
    return bps > 0 ? Math.round(bps / 1000) : 0;
  };

  return {
    name: 'shaka',
    version: player.constructor && player.constructor.version,
    current,
    attach(video, hooks) {
      const switched = () => hooks.bitrate(current(), active().height);
      const handlers = {
        adaptation: switched,
        variantchanged: switched,
        buffering: (e) => hooks.buffering(!!e.buffering),
        error: (e) => {
          const error = e.detail || {};
          hooks.error(String(error.code), error.severity === CRITICAL);
        },
      };
      for (const name in handlers) player.addEventListener(name, handlers[name]);
      const load = player.load;
      const ownLoad = Object.prototype.hasOwnProperty.call(player, 'load');
      if (typeof load === 'function') {
        player.load = function (...args) {
          return load.apply(this, args).catch((error) => {
            const code = error && error.code;
            if (code !== LOAD_INTERRUPTED && code !== OPERATION_ABORTED) {
              hooks.error(String(code), !error || error.severity === CRITICAL);
            }
            throw error;
          });
        };
      }
      const filter = (type, response) => {
        if ((type === MANIFEST || type === SEGMENT) && response && response.uri) hooks.url(response.uri);
      };
      const net = player.getNetworkingEngine && player.getNetworkingEngine();
      if (net) net.registerResponseFilter(filter);
      else hooks.report({ type: 'cdn_unavailable', player: 'shaka', reason: 'no networking engine yet: attach the player before creating the tracker' });
      return () => {
        for (const name in handlers) player.removeEventListener(name, handlers[name]);
        if (ownLoad) player.load = load;
        else delete player.load;
        if (net) net.unregisterResponseFilter(filter);
      };
    },
    cmcd(sessionId, url) {
      player.configure({
        cmcd: {
          enabled: true, version: 2, sessionId,
          eventTargets: [{
            mode: 'response', enabled: true, useHeaders: false, url, includeKeys: [],
            events: CMCD_EVENTS, interval: CMCD_INTERVAL_S, batchSize: 1,
          }],
        },
      });
      return true;
    },
  };
}
