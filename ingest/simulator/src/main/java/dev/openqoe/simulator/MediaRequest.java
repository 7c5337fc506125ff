package dev.openqoe.simulator;

/**
 * One HTTP request a player made to its CDN (a manifest, an init segment or a media segment), with
 * what the edge answered: the facts a CDN access log line is written from.
 *
 * @param endTs when the edge finished responding (CloudFront logs this time)
 * @param query the query string as the player sent it ({@code CMCD=...}, percent-encoded once), or
 *     null
 * @param objectType CMCD's object type: {@code m} manifest, {@code i} init segment, {@code v} video
 * @param cacheResult CloudFront's result type: Hit, Miss, RefreshHit or Error
 * @param errorDetail for an Error result, what went wrong in CloudFront's detailed result type
 *     (e.g. OriginConnectError), else null
 * @param requestId the CDN's id of the request (CloudFront's x-edge-request-id)
 */
record MediaRequest(
    long endTs,
    String sessionId,
    String cdn,
    String edge,
    String clientAddress,
    int clientPort,
    String userAgent,
    String uri,
    String query,
    String objectType,
    int status,
    long bytes,
    long ttfbMs,
    long timeTakenMs,
    String cacheResult,
    String errorDetail,
    String requestId,
    String contentType) {}
