// What the dash.js and Shaka adapters ask their player to report when the tracker's `cmcd` option
// is on: CMCD v2 event mode to the collector's /v1/cmcd, the same events and interval the
// browser harness (ingest/browser-harness) checks against the collector.
// play state, bitrate change, error, time interval
export const CMCD_EVENTS = ['ps', 'bc', 'e', 't'];
export const CMCD_INTERVAL_S = 10;
// dash.js sends nothing on an event target whose enabledKeys is empty: every CMCD v2 key
export const CMCD_KEYS = [
  'ab', 'bg', 'bl', 'br', 'bs', 'bsa', 'bsd', 'bsda', 'cdn', 'cid', 'cs', 'd', 'dfa', 'dl', 'ec',
  'lab', 'lb', 'ltc', 'msd', 'mtp', 'nor', 'nr', 'nrr', 'ot', 'pb', 'pr', 'pt', 'rtp', 'sf', 'sid',
  'sn', 'st', 'sta', 'su', 'tab', 'tb', 'tbl', 'tpb', 'v', 'cmsdd', 'cmsds', 'rc', 'smrt', 'ttfb',
  'ttfbb', 'ttlb', 'url', 'cen', 'e', 'h', 'ts'];
