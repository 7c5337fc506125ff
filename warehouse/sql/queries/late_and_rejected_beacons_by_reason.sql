-- Beacons that did not make it into a session, by reason.
--
-- Answers: is data being lost, and why? "rejected" beacons failed the collector's validation
-- (ods.rejected_beacons: malformed JSON, unknown types, ...); "late" beacons were valid but arrived
-- after their session had closed (dwd.late_beacons: after session end / timeout, duplicate, out
-- of order). A rising count of either is a player or pipeline bug to chase, not viewer behaviour.
-- All time; add a received_at filter to narrow it.
SELECT kind, reason, beacons, first_received_at, last_received_at
FROM (
  SELECT
    'rejected' AS kind,
    reason,
    COUNT(*) AS beacons,
    MIN(received_at) AS first_received_at,
    MAX(received_at) AS last_received_at
  FROM ods.rejected_beacons
  GROUP BY reason
  UNION ALL
  SELECT
    'late' AS kind,
    reason,
    COUNT(*) AS beacons,
    MIN(received_at) AS first_received_at,
    MAX(received_at) AS last_received_at
  FROM dwd.late_beacons
  GROUP BY reason
)
ORDER BY kind, beacons DESC, reason;
