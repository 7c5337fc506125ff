-- CDN edge health over the last 24 hours, worst edges first.
--
-- Answers: which CDN edge locations (POPs) fail or slow down, and since when? A rise of 5xx or of
-- time-taken at a few edges points at the CDN; at every edge at once, at the origin behind it.
-- Source: dws.ops_minute (the delivery-chain normaliser's health per minute of event time).
-- 5xx % = status_5xx / requests; cache miss % = cache_misses / requests; worst_time_taken_p95_ms is
-- the highest per-minute p95 (percentiles do not add up across minutes); minutes_with_5xx counts
-- the minutes in which the edge answered any 5xx (a minute can have more than one row: events that
-- came late are a later portion of their minute).
-- Parameters: ${hours:24}; the window ends at the latest minute in the table.
SELECT
  cdn,
  edge,
  SUM(requests) AS requests,
  ROUND(100 * CAST(SUM(status_5xx) AS DOUBLE) / NULLIF(SUM(requests), 0), 2) AS status_5xx_pct,
  ROUND(100 * CAST(SUM(status_4xx) AS DOUBLE) / NULLIF(SUM(requests), 0), 2) AS status_4xx_pct,
  ROUND(100 * CAST(SUM(cache_misses) AS DOUBLE) / NULLIF(SUM(requests), 0), 2) AS cache_miss_pct,
  MAX(time_taken_p95_ms) AS worst_time_taken_p95_ms,
  COUNT(DISTINCT CASE WHEN status_5xx > 0 THEN window_start END) AS minutes_with_5xx
FROM dws.ops_minute
WHERE source = 'cdn'
  AND window_start > (SELECT MAX(window_start) FROM dws.ops_minute) - INTERVAL '1' HOUR * ${hours:24}
GROUP BY cdn, edge
ORDER BY status_5xx_pct DESC, requests DESC, edge;
