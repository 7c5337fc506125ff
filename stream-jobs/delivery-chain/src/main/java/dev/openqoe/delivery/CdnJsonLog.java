package dev.openqoe.delivery;

import dev.openqoe.ops.CdnRequest;
import dev.openqoe.ops.OpsEvent;
import dev.openqoe.protocol.ClientAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Reads the generic CDN JSON form (stream-jobs/delivery-chain/README.md), one object per request
 * that a CDN other than CloudFront served (its log shipper maps its own fields to these): {@code
 * time}, {@code cdn}, {@code edge}, {@code status}, {@code uri} required; {@code query} (its CMCD
 * links the request to a session), {@code client_ip} (anonymised as the collector does), {@code
 * bytes}, {@code ttfb_ms}, {@code time_taken_ms}, {@code cache}, {@code error_code} optional;
 * {@code method}, {@code host}, {@code request_id} and unknown fields are not part of the event.
 */
public final class CdnJsonLog {

  public static final String FORMAT = "cdn_json";

  private CdnJsonLog() {}

  /** Every request of {@code record}: one object, an array of them, or one per line. */
  public static List<OpsInput> read(String record) {
    return JsonRecord.read(record, "a CDN request", CdnJsonLog::request);
  }

  private static List<OpsInput> request(JsonFields f, String raw) {
    long time = f.time("time");
    String ip = f.text("client_ip");
    InetAddress address = ClientAddresses.parse(ip);
    if (ip != null && address == null) {
      throw new BadInput("'client_ip' '" + ip + "' is not an IP address");
    }
    Long status = f.number("status");
    if (status == null) {
      throw new BadInput("'status' is required");
    }
    if (status > 999) {
      throw new BadInput("'status' must be an HTTP status, got " + status);
    }
    String cache = f.text("cache");
    CmcdOfRequest cmcd = CmcdOfRequest.fromQuery(f.text("query"));
    CdnRequest request =
        new CdnRequest(
            f.requiredText("cdn").toLowerCase(Locale.ROOT),
            f.requiredText("edge"),
            address == null ? null : ClientAddresses.anonymise(address),
            status.intValue(),
            f.number("bytes"),
            f.number("ttfb_ms"),
            f.number("time_taken_ms"),
            cache == null ? null : cache.toLowerCase(Locale.ROOT),
            f.requiredText("uri"),
            cmcd.objectType());
    return List.of(
        new OpsInput.Valid(
            OpsEvent.cdn(
                FORMAT, time, cmcd.sessionId(), cmcd.contentId(), request, f.text("error_code")),
            raw));
  }
}
