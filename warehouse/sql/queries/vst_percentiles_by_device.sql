-- Video startup time p50 / p95 by device type over the last 24 hours.
--
-- Answers: how long does the typical viewer (p50), and the unlucky one in twenty (p95), wait for
-- the first frame on each kind of device?
-- Source: dwd.sessions, started sessions that have a startup time (vst_ms, ad time excluded).
-- Percentiles are nearest-rank, as the metric is defined (stream-jobs/session-model/README.md):
-- the p-th percentile of n sorted values is the value at rank CEIL(p * n). Flink SQL 2.0 has a
-- PERCENTILE() aggregate, but it interpolates between neighbours (a value nobody waited), so the
-- ranks are computed here with ROW_NUMBER and COUNT over each device's sessions.
-- "Last 24 h" is relative to the latest session end in the table. Parameters: ${hours:24}.
SELECT
  device_type,
  COUNT(*) AS started_sessions,
  MAX(CASE WHEN vst_rank = CAST(CEIL(0.50 * sessions) AS BIGINT) THEN vst_ms END) AS vst_p50_ms,
  MAX(CASE WHEN vst_rank = CAST(CEIL(0.95 * sessions) AS BIGINT) THEN vst_ms END) AS vst_p95_ms
FROM (
  SELECT
    device_type,
    vst_ms,
    ROW_NUMBER() OVER (PARTITION BY device_type ORDER BY vst_ms) AS vst_rank,
    COUNT(*) OVER (PARTITION BY device_type) AS sessions
  FROM dwd.sessions
  WHERE startup_outcome = 'started'
    AND vst_ms IS NOT NULL
    AND ended_at > (SELECT MAX(ended_at) FROM dwd.sessions) - INTERVAL '1' HOUR * ${hours:24}
)
GROUP BY device_type
ORDER BY started_sessions DESC, device_type;
