package dev.openqoe.ingest.core;

import dev.openqoe.cmcd.CmcdDictionary;
import dev.openqoe.cmcd.CmcdSyntaxException;
import dev.openqoe.ingest.cmcd.CmcdMapper;
import dev.openqoe.protocol.BeaconParser;
import dev.openqoe.protocol.BeaconRejection;
import dev.openqoe.protocol.CmcdReportMode;
import dev.openqoe.protocol.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the CMCD reports of a /v1/cmcd request: request-mode data from the CMCD query parameter and
 * from the CMCD-* headers (one report each), then event-mode reports, one per body line.
 */
final class CmcdRequestReader {

  private static final RequestHeader[] CMCD_HEADERS = {
    RequestHeader.CMCD_REQUEST,
    RequestHeader.CMCD_OBJECT,
    RequestHeader.CMCD_STATUS,
    RequestHeader.CMCD_SESSION
  };

  private final BeaconParser parser;
  private final int maxReports;

  CmcdRequestReader(BeaconParser parser, int maxReports) {
    this.parser = parser;
    this.maxReports = maxReports;
  }

  /** The reports as items; stops reading one report past the limit, which the caller refuses. */
  IngestItem.Body read(IngestExchange request, byte[] body, long receivedAt) {
    List<IngestItem> items = new ArrayList<>();
    String query = request.queryParameter("CMCD");
    if (query != null) {
      items.add(item(query, CmcdReportMode.REQUEST, receivedAt));
    }
    StringBuilder headers = new StringBuilder();
    for (RequestHeader header : CMCD_HEADERS) {
      String value = request.header(header);
      if (value != null && !value.isBlank()) {
        headers.append(headers.isEmpty() ? "" : ",").append(value);
      }
    }
    if (!headers.isEmpty()) {
      items.add(item(headers.toString(), CmcdReportMode.REQUEST, receivedAt));
    }
    for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
      if (items.size() > maxReports) {
        break;
      }
      if (!line.isBlank()) {
        items.add(item(line, CmcdReportMode.EVENT, receivedAt));
      }
    }
    return new IngestItem.Body.Items(items);
  }

  private IngestItem item(String payload, CmcdReportMode mode, long receivedAt) {
    Map<String, Object> report;
    try {
      report = CmcdDictionary.parse(payload);
    } catch (CmcdSyntaxException e) {
      return rejected(
          payload, new BeaconRejection(null, "not a valid CMCD payload: " + e.getMessage()));
    }
    CmcdMapper.Mapping mapping = CmcdMapper.map(payload, report, mode, receivedAt);
    if (mapping instanceof CmcdMapper.Mapping.Beacon beacon) {
      return new IngestItem(payload, parser.parse(beacon.json()));
    }
    return rejected(payload, ((CmcdMapper.Mapping.Rejected) mapping).rejection());
  }

  private static IngestItem rejected(String payload, BeaconRejection rejection) {
    return new IngestItem(payload, new ParseResult.Invalid(rejection));
  }
}
