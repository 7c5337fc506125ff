// Types of the OpenQoE web SDK core (@openqoe/web-sdk/core): createTracker and what it returns.

/** Session dimensions of protocol v1 (schemas/README.md); the session keeps the latest non-null value of each. */
export interface Dimensions {
  viewer_id?: string;
  asset_id?: string;
  stream_type?: 'vod' | 'live';
  /** default: the adapter's name ('html5', 'hls.js', 'dash.js', 'shaka') */
  player_name?: string;
  /** default: the library's own version */
  player_version?: string;
  /** default: left to the collector's User-Agent parsing */
  device_type?: string;
  /** default: left to the collector's User-Agent parsing */
  os?: string;
  app_version?: string;
  /** default: the cdn option applied to the media response URLs the adapter sees */
  cdn?: string;
  drm_system?: string;
  /** at most 10 string values, keys 1-64 characters; replaced whole when sent again */
  custom?: Record<string, string>;
}

/** What the tracker tells the page (and console.warn once per refusal code). */
export type Diagnostic =
  | { type: 'refused'; status: number; error: string; reason: string; events: number; errors?: BeaconRejection[] }
  | { type: 'rejected'; status: number; rejected: number; errors: BeaconRejection[] }
  | { type: 'retry'; status: number | string; delayMs: number; events: number }
  | { type: 'dropped'; event: string; queued: number }
  | { type: 'beacon_refused'; events: number }
  | { type: 'cmcd_unsupported'; player: string; reason: string }
  | { type: 'invalid_dimension'; name: string; reason: string }
  | { type: 'cdn_unavailable'; player: string; reason: string };

/** One rejected event of a batch, as the collector names it. */
export interface BeaconRejection {
  index: number;
  field?: string;
  reason: string;
}

/** What an adapter tells the tracker about the player. */
export interface AdapterHooks {
  /**
   * the player switched to the rendition of `kbps`; with its `height` the switch is stamped when
   * the element presents frames of that height (its `resize`), not when the player reports it
   */
  bitrate(kbps: number, height?: number): void;
  error(code: string, fatal: boolean): void;
  buffering(on: boolean): void;
  url(responseUrl: string): void;
  report(diagnostic: Diagnostic): void;
}

/** A player adapter: html5(), hlsjs(hls), dashjs(player), shaka(player), or your own. */
export interface Adapter {
  name: string;
  version?: string;
  /** the video rendition now, in kbps (0 when unknown); first_frame carries it */
  current?(): number;
  /** starts listening to the player; returns what stops it */
  attach(video: HTMLVideoElement, hooks: AdapterHooks): (() => void) | void;
  /** turns on the player's CMCD v2 event reporting; false or absent: not supported */
  cmcd?(sessionId: string, targetUrl: string): boolean;
}

/** Test doubles (tests only). */
export interface Transport {
  fetch(url: string, init: RequestInit): Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;
  sendBeacon(url: string, body: string): boolean;
}
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface TrackerOptions {
  /** base URL of the collector; beacons go to <collectorUrl>/v1/beacons */
  collectorUrl: string;
  /** the property's ingest key, sent as ?k=<key> */
  propertyKey: string;
  /** the element the player renders into */
  video: HTMLVideoElement;
  /** default: html5() */
  adapter?: Adapter;
  dimensions?: Dimensions;
  /** default 10000; 0 turns heartbeats off */
  heartbeatIntervalMs?: number;
  /** default 1000 */
  maxBatchDelayMs?: number;
  /** default 20 */
  maxBatchEvents?: number;
  /** default 500 */
  maxQueuedEvents?: number;
  /** default true: bodies over 1 KB gzipped where CompressionStream exists */
  gzip?: boolean;
  /** CDN name from a media response URL; default: the URL's host */
  cdn?: (url: string) => string | null | undefined;
  /** default false: turn on the player's own CMCD v2 event reporting (dash.js, Shaka) */
  cmcd?: boolean;
  onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** tests only: epoch milliseconds; default performance.timeOrigin + performance.now() */
  now?: () => number;
  /** tests only: the clock requestVideoFrameCallback's `now` is on; default globalThis.performance */
  performance?: { now(): number; timeOrigin?: number };
  /** tests only */
  transport?: Transport;
  /** tests only */
  timers?: Timers;
  /** tests only: where pagehide is listened to */
  window?: EventTarget;
  /** tests only: where visibilitychange is listened to (needs visibilityState) */
  document?: EventTarget & { visibilityState: string };
}

export interface TrackerStats {
  /** beacons handed to fetch (each once, retries not counted) */
  sent: number;
  /** beacons in requests the collector answered 2xx */
  acknowledged: number;
  /** requests retried (429, 503, network errors) */
  retried: number;
  droppedHeartbeats: number;
  droppedEvents: number;
  /** beacons in batches the collector refused (4xx other than 429) */
  refused: number;
  /** beacons a 2xx answer rejected one by one */
  rejected: number;
  /** beacons handed to sendBeacon on pagehide */
  beaconed: number;
  /** beacons sendBeacon refused */
  lost: number;
  /** beacons waiting, including the batch in flight */
  queued: number;
  /** non-fatal player errors not sent again: each code is sent once per session */
  repeatedErrors: number;
  /** HTTP status of the last answer; 0 after a network error; null before any */
  lastStatus: number | null;
  /** sessions this tracker started: 1, 2, ... */
  attempt: number;
  sessionId: string;
}

export interface Tracker {
  readonly sessionId: string;
  /** sessions this tracker started: 1, 2, ... */
  readonly attempt: number;
  /** the viewer asked to play: startup time starts now (also detected from the element's play event) */
  playRequested(): void;
  adBreakStart(): void;
  adBreakEnd(): void;
  /** error_category 'business' (geo-block, entitlement, concurrency limit); fatal unless { fatal: false } */
  businessError(code: string, options?: { fatal?: boolean }): void;
  /** error_category 'technical' unless told; not fatal unless { fatal: true } */
  error(code: string, options?: { fatal?: boolean; category?: 'technical' | 'business' }): void;
  setDimensions(dimensions: Dimensions): void;
  /** the rendition now, for players whose rendition the SDK cannot see (html5) */
  setBitrate(kbps: number): void;
  end(): Promise<void>;
  newSession(): void;
  flush(): Promise<void>;
  destroy(): Promise<void>;
  stats(): TrackerStats;
}

export function createTracker(options: TrackerOptions): Tracker;
export function html5(): Adapter;
