package dev.openqoe.ops;

/**
 * One request a CDN served, as its access log tells it.
 *
 * @param clientIp anonymised as the collector does (IPv4 /24, IPv6 /48), or null
 * @param cacheResult the CDN's cache result in lower case: hit, miss, refresh_hit, error...
 * @param uri the request's path, without the query
 * @param objectType the CMCD object type ({@code ot}) the request carried, or null
 */
public record CdnRequest(
    String cdn,
    String edge,
    String clientIp,
    Integer statusCode,
    Long bytes,
    Long ttfbMs,
    Long timeTakenMs,
    String cacheResult,
    String uri,
    String objectType) {}
