// What the <video> element (and the adapter's own buffering signal) says, turned into the
// transitions of stream-jobs/session-model: first frame, rebuffer vs seek buffering, pause/resume,
// seek, end. It keeps only the flags those rules need; the tracker numbers and sends the beacons.
//
// `t` is the tracker's side: emit(type, fields), playRequested(), ended(), bitrate(), open().
export function watchPlayback(video, t) {
  let firstFrame, paused, seekOpen, seekSettling, rebuffering, inAd, frameArmed, playingSeen;
  let lastTime = 0;
  let seekedAt = 0;

  function reset() {
    firstFrame = paused = seekOpen = seekSettling = rebuffering = inAd = frameArmed = playingSeen = false;
  }
  reset();

  const active = () => t.open() && !inAd;

  // `frameNow`: the time the frame was presented (requestVideoFrameCallback's first argument, on
  // the performance.now() scale); the callback itself may run tens of ms later when the player
  // keeps the main thread busy (hls.js transmuxing)
  function onFirstFrame(frameNow) {
    if (firstFrame || !active()) return;
    firstFrame = true;
    const kbps = t.bitrate();
    const fields = kbps > 0 ? { bitrate_kbps: kbps } : {};
    if (frameNow !== undefined) fields.ts = t.frameTs(frameNow);
    t.emit('first_frame', fields);
  }

  // The first frame of playback is the first frame presented while the element plays: a frame
  // shown while it is paused (autoplay waiting for data) or held at playbackRate 0 (Shaka shows
  // one while it buffers at startup) is a still picture, and one inside an ad break is not the
  // content's; the startup wait goes on until the next frame.
  const moving = () => !video.paused && video.playbackRate > 0;
  function armFrame() {
    if (frameArmed || firstFrame || !video.requestVideoFrameCallback) return;
    frameArmed = true;
    video.requestVideoFrameCallback((frameNow) => {
      frameArmed = false;
      if (firstFrame || !t.open()) return;
      if (inAd || !moving()) armFrame();
      else onFirstFrame(frameNow);
    });
  }

  function bufferingStarted() {
    if (!firstFrame || !active() || seekOpen || seekSettling || paused || rebuffering) return;
    if (video.paused || video.ended) return;
    rebuffering = true;
    t.emit('rebuffer_start');
  }

  function bufferingEnded() {
    seekSettling = false;
    if (!rebuffering || !active()) return;
    rebuffering = false;
    t.emit('rebuffer_end');
  }

  const on = {
    play() {
      if (!t.open()) return t.playRequested();
      if (paused && !inAd) {
        paused = false;
        t.emit('resume');
      }
    },
    playing() {
      playingSeen = true;
      bufferingEnded();
    },
    pause() {
      // Chrome pauses the element when it reaches the end: that is the end, not a pause
      if (video.ended || !firstFrame || !active() || paused) return;
      paused = true;
      rebuffering = false;
      t.emit('pause');
    },
    waiting: bufferingStarted,
    seeking() {
      if (!firstFrame || !active()) return;
      seekSettling = true;
      if (seekOpen) return; // a second seeking before seeked is the same seek
      seekOpen = true;
      rebuffering = false;
      t.emit('seek_start');
    },
    seeked() {
      if (!seekOpen || !active()) return;
      seekOpen = false;
      seekedAt = video.currentTime;
      t.emit('seek_end');
    },
    timeupdate() {
      const time = video.currentTime;
      // without requestVideoFrameCallback: the playhead moving after `playing` is the first frame
      if (!video.requestVideoFrameCallback && playingSeen && time > lastTime && moving()) onFirstFrame();
      // playback went on after a seek without a `playing` event (Shaka restores the rate instead)
      if (seekSettling && !seekOpen && time > seekedAt + 0.1) seekSettling = false;
      lastTime = time;
    },
    ended() {
      if (active()) t.ended();
    },
  };
  for (const type in on) video.addEventListener(type, on[type]);

  return {
    reset() {
      reset();
      lastTime = video.currentTime || 0;
    },
    requested() {
      lastTime = video.currentTime || 0;
      armFrame();
    },
    bufferingStarted,
    bufferingEnded,
    adStart() {
      inAd = true;
      rebuffering = false;
    },
    adEnd() {
      inAd = false;
      paused = !!video.paused && firstFrame;
      armFrame();
    },
    inAd: () => inAd,
    firstFrame: () => firstFrame,
    stop() {
      for (const type in on) video.removeEventListener(type, on[type]);
    },
  };
}
