// hls.js (1.x): the rendition from LEVEL_SWITCHED (the level's BANDWIDTH, which includes audio when
// the variant carries it, and its height: the tracker stamps the switch when the element shows that
// height). hls.js raises LEVEL_SWITCHED right after FRAG_CHANGED, when the buffered fragment at the
// playhead is of another level, so FRAG_CHANGED would be no later; both come about a segment before
// the new rendition is on screen in Chromium. Errors from ERROR with hls.js's own `fatal` flag (the code is its
// `details`, e.g. manifestLoadError), the CDN from each fragment's response URL. hls.js's reports
// of a stall it handles (bufferStalledError, bufferNudgeOnStall, bufferSeekOverHole) are not sent
// as errors: the element's `waiting` already makes that stall a rebuffer. hls.js has no CMCD v2
// event reporter, so the cmcd option does nothing here (the tracker reports it as a diagnostic).
const STALL_REPORTS = ['bufferStalledError', 'bufferNudgeOnStall', 'bufferSeekOverHole'];

export function hlsjs(hls) {
  const level = (index) => (hls.levels && hls.levels[index]) || {};
  const kbps = (index) => {
    const l = level(index);
    return l.bitrate > 0 ? Math.round(l.bitrate / 1000) : 0;
  };
  return {
    name: 'hls.js',
    version: hls.constructor && hls.constructor.version,
    current: () => kbps(hls.currentLevel),
    attach(video, hooks) {
      const handlers = {
        hlsLevelSwitched: (_, data) => hooks.bitrate(kbps(data.level), level(data.level).height),
        hlsError: (_, data) => {
          if (!data.fatal && STALL_REPORTS.includes(data.details)) return;
          hooks.error(data.details || data.type, !!data.fatal);
        },
        hlsFragLoaded: (_, data) => {
          const xhr = data.networkDetails;
          const url = (xhr && (xhr.responseURL || xhr.url)) || (data.frag && data.frag.url);
          if (url) hooks.url(url);
        },
      };
      for (const name in handlers) hls.on(name, handlers[name]);
      return () => {
        for (const name in handlers) hls.off(name, handlers[name]);
      };
    },
  };
}
