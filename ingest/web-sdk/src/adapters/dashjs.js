// dash.js (5.x MediaPlayer): the rendition from QUALITY_CHANGE_RENDERED for video (the
// representation's bandwidth, and its height: dash.js raises the event about a segment before the
// element shows the rendition, so the tracker stamps the switch at the element's resize), errors from its `error` event, the CDN from each fragment's request
// URL, and CMCD v2 event reporting through updateSettings. dash.js has one error event and no
// fatal flag: it keeps playing after a segment it could not load or a subtitle it could not parse
// (codes 17, 27, 33, sent as non-fatal); every other error stops playback and is fatal. A play()
// the browser refused (autoplay policy, PLAYBACK_NOT_ALLOWED) is a non-fatal error.
import { CMCD_EVENTS, CMCD_INTERVAL_S, CMCD_KEYS } from './cmcd.js';

// dash.js's numeric codes (MediaPlayerErrors) by name, so error_code says what happened
const NAMES = {
  10: 'MANIFEST_LOADER_PARSING_FAILURE_ERROR', 11: 'MANIFEST_LOADER_LOADING_FAILURE_ERROR',
  12: 'XLINK_LOADER_LOADING_FAILURE_ERROR', 15: 'SEGMENT_BASE_LOADER_ERROR',
  16: 'TIME_SYNC_FAILED_ERROR', 17: 'FRAGMENT_LOADER_LOADING_FAILURE_ERROR',
  18: 'FRAGMENT_LOADER_NULL_REQUEST_ERROR', 19: 'URL_RESOLUTION_FAILED_GENERIC_ERROR',
  20: 'APPEND_ERROR', 21: 'REMOVE_ERROR', 22: 'DATA_UPDATE_FAILED_ERROR',
  23: 'CAPABILITY_MEDIASOURCE_ERROR', 24: 'CAPABILITY_MEDIAKEYS_ERROR',
  25: 'DOWNLOAD_ERROR_ID_MANIFEST', 26: 'DOWNLOAD_ERROR_ID_SIDX', 27: 'DOWNLOAD_ERROR_ID_CONTENT',
  28: 'DOWNLOAD_ERROR_ID_INITIALIZATION', 29: 'DOWNLOAD_ERROR_ID_XLINK',
  31: 'MANIFEST_ERROR_ID_PARSE', 32: 'MANIFEST_ERROR_ID_NOSTREAMS', 33: 'TIMED_TEXT_ERROR_ID_PARSE',
  34: 'MANIFEST_ERROR_ID_MULTIPLEXED', 35: 'MEDIASOURCE_TYPE_UNSUPPORTED',
  100: 'MEDIA_KEYERR', 101: 'MEDIA_KEYERR_UNKNOWN', 102: 'MEDIA_KEYERR_CLIENT',
  103: 'MEDIA_KEYERR_SERVICE', 104: 'MEDIA_KEYERR_OUTPUT', 105: 'MEDIA_KEYERR_HARDWARECHANGE',
  106: 'MEDIA_KEYERR_DOMAIN', 107: 'MEDIA_KEY_MESSAGE_ERROR', 108: 'MEDIA_KEY_MESSAGE_NO_CHALLENGE_ERROR',
  109: 'SERVER_CERTIFICATE_UPDATED_ERROR', 110: 'KEY_STATUS_CHANGED_EXPIRED_ERROR',
  111: 'MEDIA_KEY_MESSAGE_NO_LICENSE_SERVER_URL_ERROR', 112: 'KEY_SYSTEM_ACCESS_DENIED_ERROR',
  113: 'KEY_SESSION_CREATED_ERROR', 114: 'MEDIA_KEY_MESSAGE_LICENSER_ERROR',
};
const RECOVERABLE = [17, 27, 33];

export function dashjsErrorCode(error) {
  if (error == null || typeof error !== 'object') return String(error || 'DASHJS_ERROR');
  return NAMES[error.code] || 'DASHJS_' + error.code;
}

export function dashjs(player) {
  const kbps = (representation) =>
    representation && representation.bandwidth > 0 ? Math.round(representation.bandwidth / 1000) : 0;
  return {
    name: 'dash.js',
    version: player.getVersion && player.getVersion(),
    current: () => kbps(player.getCurrentRepresentationForType && player.getCurrentRepresentationForType('video')),
    attach(video, hooks) {
      const handlers = {
        qualityChangeRendered: (e) => {
          if (e.mediaType === 'video') hooks.bitrate(kbps(e.newRepresentation), e.newRepresentation && e.newRepresentation.height);
        },
        error: (e) => {
          const error = e.error;
          hooks.error(dashjsErrorCode(error), !(error && RECOVERABLE.includes(error.code)));
        },
        playbackNotAllowed: () => hooks.error('PLAYBACK_NOT_ALLOWED', false),
        fragmentLoadingCompleted: (e) => {
          const request = e.request;
          if (request && request.url) hooks.url(request.url);
        },
      };
      for (const name in handlers) player.on(name, handlers[name]);
      return () => {
        for (const name in handlers) player.off(name, handlers[name]);
      };
    },
    // event mode only: whether media requests also carry CMCD (request mode) stays the page's choice
    cmcd(sid, url) {
      player.updateSettings({
        streaming: {
          cmcd: {
            version: 2, sid,
            eventTargets: [{
              enabled: true, url, events: CMCD_EVENTS, interval: CMCD_INTERVAL_S, batchSize: 1,
              enabledKeys: CMCD_KEYS,
            }],
          },
        },
      });
      return true;
    },
  };
}
