-- Start failures, technical vs business, by DRM system over the last 24 hours.
--
-- Answers: are failures to start caused by the DRM stack (technical: license server, CDM errors)
-- or by the service saying no (business: entitlement, geo-block, concurrency limits)?
-- Source: dws.qoe_hour. VSF % (technical) = vsf / attempts; VSF-B % = vsf_business / attempts;
-- EBVS % (exits before video start) = ebvs / attempts. A NULL drm_system is clear content.
-- Parameters: ${hours:24}; the window ends at the latest hour in the table.
SELECT
  drm_system,
  SUM(attempts) AS attempts,
  SUM(vsf) AS vsf,
  SUM(vsf_business) AS vsf_business,
  ROUND(100 * CAST(SUM(vsf) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS vsf_pct,
  ROUND(100 * CAST(SUM(vsf_business) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS vsf_business_pct,
  ROUND(100 * CAST(SUM(ebvs) AS DOUBLE) / NULLIF(SUM(attempts), 0), 2) AS ebvs_pct
FROM dws.qoe_hour
WHERE window_start > (SELECT MAX(window_start) FROM dws.qoe_hour) - INTERVAL '1' HOUR * ${hours:24}
GROUP BY drm_system
ORDER BY attempts DESC, drm_system NULLS LAST;
