// The plain <video> element (native HLS in Safari, progressive MP4): the element's own `error` is
// the only error model there is, and always fatal. The rendition a native element plays is not
// visible to script: pass it with tracker.setBitrate(kbps) when the page knows it. CDN: the host
// of the source URL. No CMCD v2 reporter.
const MEDIA_ERRORS = ['MEDIA_ERR_ABORTED', 'MEDIA_ERR_NETWORK', 'MEDIA_ERR_DECODE', 'MEDIA_ERR_SRC_NOT_SUPPORTED'];

export function html5() {
  return {
    name: 'html5',
    attach(video, hooks) {
      const onError = () => {
        const code = video.error && video.error.code;
        hooks.error(MEDIA_ERRORS[code - 1] || 'MEDIA_ERR_' + code, true);
      };
      const onLoad = () => {
        const src = video.currentSrc;
        if (src && /^https?:/.test(src)) hooks.url(src);
      };
      video.addEventListener('error', onError);
      video.addEventListener('loadstart', onLoad);
      return () => {
        video.removeEventListener('error', onError);
        video.removeEventListener('loadstart', onLoad);
      };
    },
  };
}
