-- Rebuffering ratio by CDN, hour by hour, over the last 24 hours.
--
-- Answers: when did each CDN stall, and for how much of the watch time?
-- Source: dws.qoe_hour. RBR = rebuffer_ms / (play_ms + rebuffer_ms): pauses, seeks and ads are
-- not watch time and do not dilute it. Hours are UTC (qoe sql runs in UTC).
-- Parameters: ${hours:24}; the window ends at the latest hour in the table.
SELECT
  window_start AS hour_start,
  cdn,
  SUM(sessions) AS sessions,
  SUM(play_ms) AS play_ms,
  SUM(rebuffer_ms) AS rebuffer_ms,
  SUM(rebuffer_count) AS rebuffers,
  ROUND(CAST(SUM(rebuffer_ms) AS DOUBLE) / NULLIF(SUM(play_ms + rebuffer_ms), 0), 4) AS rebuffering_ratio
FROM dws.qoe_hour
WHERE window_start > (SELECT MAX(window_start) FROM dws.qoe_hour) - INTERVAL '1' HOUR * ${hours:24}
GROUP BY window_start, cdn
ORDER BY hour_start DESC, cdn NULLS LAST;
