-- The assets with the worst video playback failure rate over the last 7 days.
--
-- Answers: which titles fail most often once playing (broken renditions, bad DRM packaging, ...)?
-- Source: dws.qoe_hour. VPF % = vpf / started (technical failures; business ones shown apart).
-- Assets with fewer than ${min_started:100} started sessions are left out: with a handful of
-- plays one failure makes any asset look broken. Parameters: ${min_started:100}, ${days:7};
-- the window ends at the latest hour in the table.
SELECT
  asset_id,
  SUM(started) AS started,
  SUM(vpf) AS vpf,
  SUM(vpf_business) AS vpf_business,
  ROUND(100 * CAST(SUM(vpf) AS DOUBLE) / NULLIF(SUM(started), 0), 2) AS vpf_pct,
  ROUND(100 * CAST(SUM(vpf_business) AS DOUBLE) / NULLIF(SUM(started), 0), 2) AS vpf_business_pct
FROM dws.qoe_hour
WHERE window_start > (SELECT MAX(window_start) FROM dws.qoe_hour) - INTERVAL '1' DAY * ${days:7}
GROUP BY asset_id
HAVING SUM(started) >= ${min_started:100}
ORDER BY vpf_pct DESC, started DESC
LIMIT 20;
