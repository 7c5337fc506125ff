-- Delivery-chain failures by stage and slice over the last 24 hours.
--
-- Answers: which stage behind the player failed, where, and with which error? CDN requests
-- answered 5xx, DRM licenses denied or failed, transcode or packaging jobs that ended in error.
-- Source: dwd.ops_events (one row per CDN request, license request and job state change). A slice
-- is what the stage's health is counted by: cdn|<cdn>|<edge>, drm|<system>|<region>,
-- transcode|<content>|<rendition>. sessions counts the player sessions the failures name (CMCD sid,
-- a session id the DRM proxy forwarded); jobs name none.
-- Parameters: ${hours:24}; the window ends at the latest event in the table.
SELECT
  source,
  slice,
  error_code,
  COUNT(*) AS failures,
  COUNT(DISTINCT session_id) AS sessions,
  MIN(event_time) AS first_at,
  MAX(event_time) AS last_at
FROM dwd.ops_events
WHERE (status_code >= 500 OR outcome IN ('denied', 'error') OR job_status = 'error')
  AND event_time > (SELECT MAX(event_time) FROM dwd.ops_events) - INTERVAL '1' HOUR * ${hours:24}
GROUP BY source, slice, error_code
ORDER BY failures DESC, slice, error_code;
