-- QoE by CDN and country over the last 24 hours.
--
-- Answers: which CDN/country pairs fail to start, abandon, fail during playback or rebuffer the most?
-- Source: dws.qoe_hour (additive totals per hour and dimensions). Every rate is re-derived from the
-- summed counts, never averaged from per-row rates (stream-jobs/session-model/README.md):
--   VSF % = vsf / attempts, EBVS % = ebvs / attempts, VPF % = vpf / started,
--   RBR = rebuffer_ms / (play_ms + rebuffer_ms), bitrate = weighted by play time.
-- "Last 24 h" means the 24 hourly windows up to the latest one in the table, so the query answers
-- the same on a replayed or paused warehouse as on a live one. Parameters: ${hours:24}.
-- A NULL cdn or country is a session whose player or the GeoIP lookup did not tell.
SELECT
  cdn,
  country,
  SUM(sessions) AS sessions,
  SUM(attempts) AS attempts,
  SUM(started) AS started,
  ROUND(100 * CAST(SUM(vsf) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS vsf_pct,
  ROUND(100 * CAST(SUM(vsf_business) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS vsf_business_pct,
  ROUND(100 * CAST(SUM(ebvs) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS ebvs_pct,
  ROUND(100 * CAST(SUM(vpf) AS DOUBLE) / NULLIF(SUM(started), 0), 2) AS vpf_pct,
  ROUND(CAST(SUM(rebuffer_ms) AS DOUBLE) / NULLIF(SUM(play_ms + rebuffer_ms), 0), 4) AS rebuffering_ratio,
  ROUND(SUM(bitrate_weighted_play_ms) / NULLIF(SUM(bitrate_play_ms), 0), 0) AS avg_bitrate_kbps
FROM dws.qoe_hour
WHERE window_start > (SELECT MAX(window_start) FROM dws.qoe_hour) - INTERVAL '1' HOUR * ${hours:24}
GROUP BY cdn, country
ORDER BY sessions DESC, cdn NULLS LAST, country NULLS LAST;
