// Drives the real CMCD v2 reporter of @svta/cml-cmcd through one simulated playback and records
// every HTTP request it would send, so the collector's tests replay what players really emit.
// Usage: npm ci && npm run fixtures (writes ../resources/cmcd/svta, which is committed).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CmcdReporter, CmcdEventType, CmcdPlayerState, CmcdTransmissionMode } from "@svta/cml-cmcd";

const outDir = process.argv[2] ?? "../resources/cmcd/svta";
const EVENT_URL = "http://collector.invalid/v1/cmcd";
const SEGMENT_URL = "http://cdn.invalid/video/seg-1.m4s";
const SESSION_ID = "6e2fb550-c457-11e9-bb97-0800200c9a66";
const T0 = 1767225600000; // fixed client clock, 2026-01-01T00:00:00Z
const REPORTED_KEYS = ["sid", "cid", "sn", "sta", "br", "bl", "pt", "st", "sf", "ec", "mtp", "ts", "e", "v"];

let now = T0;
const realNow = Date.now;
Date.now = () => now;
performance.now = () => now - T0;

function recordPlayback(transmissionMode) {
  const sent = [];
  const reporter = new CmcdReporter(
    {
      sid: SESSION_ID,
      cid: "asset-42",
      version: 2,
      transmissionMode,
      enabledKeys: REPORTED_KEYS,
      eventTargets: [
        {
          url: EVENT_URL,
          enabledKeys: REPORTED_KEYS,
          batchSize: 1,
          events: [
            CmcdEventType.PLAY_STATE,
            CmcdEventType.BITRATE_CHANGE,
            CmcdEventType.ERROR,
            CmcdEventType.TIME_INTERVAL,
          ],
          interval: 0,
        },
      ],
    },
    async (request) => {
      sent.push({ kind: "event", url: request.url, method: request.method ?? "POST", headers: request.headers ?? {}, body: request.body ?? null });
      return { status: 204 };
    },
  );
  const segment = () => {
    const report = reporter.createRequestReport({ url: SEGMENT_URL, method: "GET", headers: {} });
    sent.push({ kind: "request", url: report.url, method: report.method ?? "GET", headers: report.headers ?? {}, body: null });
  };
  const step = (ms, data) => {
    now += ms;
    reporter.update(data);
  };
  reporter.update({ st: "v", sf: "d", bl: 0, pt: 0 });
  reporter.start();
  step(10, { sta: CmcdPlayerState.STARTING });
  step(500, { br: [3200], bl: 4000 });
  segment();
  step(300, { sta: CmcdPlayerState.PLAYING, pt: 0 });
  segment();
  step(4000, { br: [6000], pt: 4000, bl: 12000 });
  segment();
  step(2000, { sta: CmcdPlayerState.REBUFFERING, pt: 6000, bl: 0 });
  step(1500, { sta: CmcdPlayerState.PLAYING, pt: 6000, bl: 3000 });
  step(3000, { sta: CmcdPlayerState.PAUSED, pt: 9000 });
  step(5000, { sta: CmcdPlayerState.PLAYING, pt: 9000 });
  step(1000, { sta: CmcdPlayerState.SEEKING, pt: 10000 });
  step(400, { sta: CmcdPlayerState.PLAYING, pt: 60000 });
  now += 100;
  reporter.recordEvent(CmcdEventType.ERROR, { ec: ["MEDIA_ERR_DECODE"] });
  step(2000, { sta: CmcdPlayerState.ENDED, pt: 62000 });
  reporter.stop(true);
  return sent;
}

mkdirSync(outDir, { recursive: true });
for (const mode of [CmcdTransmissionMode.QUERY, CmcdTransmissionMode.HEADERS]) {
  const sent = recordPlayback(mode);
  const file = join(outDir, `playback-${mode}.jsonl`);
  writeFileSync(file, sent.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`wrote ${sent.length} CMCD requests to ${file}`);
}
Date.now = realNow;
