package dev.openqoe.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema is what SDK teams read; the parser is what the collector runs. They must accept
 * and reject the same documents, and describe the same fields as the Avro schema.
 */
class JsonSchemaAgreementTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode schemaDocument;
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        JsonSchemaAgreementTest.class.getResourceAsStream("/json/beacon-event-v1.schema.json")) {
      schemaDocument = JSON.readTree(in);
    }
    schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaDocument);
  }

  @Test
  void describesExactlyTheAvroFields() {
    Set<String> jsonProperties = new TreeSet<>();
    schemaDocument.get("properties").fieldNames().forEachRemaining(jsonProperties::add);
    Set<String> avroFields = new TreeSet<>();
    for (Schema.Field field : BeaconAvro.SCHEMA.getFields()) {
      avroFields.add(field.name());
    }
    assertThat(jsonProperties).isEqualTo(avroFields);
  }

  @Test
  void listsTheSameEventTypesAsTheProtocol() {
    List<String> types = new ArrayList<>();
    schemaDocument.get("properties").get("type").get("enum").forEach(t -> types.add(t.asText()));
    assertThat(types)
        .containsExactly(
            java.util.Arrays.stream(EventType.values())
                .map(EventType::wireName)
                .toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'v':1,'session_id':'s','seq':0,'type':'play_request','ts':0}",
        "{'v':1,'session_id':'s','seq':3,'type':'bitrate_change','ts':9,'bitrate_kbps':800}",
        "{'v':1,'session_id':'s','seq':3,'type':'error','ts':9,'error_code':'E','error_fatal':true}",
        "{'v':1,'session_id':'s','seq':3,'type':'end','ts':9,'cdn':null,'custom':{'a':'b'}}",
        "{'v':1,'session_id':'s','seq':3,'type':'end','ts':9,'brand_new_field':[1]}",
        "{'v':1,'session_id':'s','seq':3,'type':'end','ts':9,'stream_type':'live'}",
        "{'v':1,'session_id':'s','seq':3,'type':'end','ts':9,'error_category':'business'}",
        "{'v':1,'session_id':'s','seq':3,'type':'cmcd','ts':9,'cmcd_mode':'event','cmcd_sn':0}",
        "{'v':1,'session_id':'s','seq':3,'type':'cmcd','ts':9,'cmcd_mode':'request','cmcd_sn':5,"
            + "'cmcd_sta':'p','cmcd_e':null,'cmcd_report':'sn=5,sta=p,v=2','error_code':'E'}",
      })
  void bothAccept(String doc) throws IOException {
    JsonNode node = JSON.readTree(doc.replace('\'', '"'));
    assertThat(schema.validate(node)).isEmpty();
    assertThat(BeaconParser.lenientClock().parse(node)).isInstanceOf(ParseResult.Valid.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'session_id':'s','seq':0,'type':'play_request','ts':0}",
        "{'v':2,'session_id':'s','seq':0,'type':'play_request','ts':0}",
        "{'v':1,'session_id':'has space','seq':0,'type':'play_request','ts':0}",
        "{'v':1,'session_id':'s','seq':-1,'type':'play_request','ts':0}",
        "{'v':1,'session_id':'s','seq':1.5,'type':'play_request','ts':0}",
        "{'v':1,'session_id':'s','seq':0,'type':'nope','ts':0}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':-1}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':253402300800000}",
        "{'v':1,'session_id':'s','seq':0,'type':'bitrate_change','ts':1}",
        "{'v':1,'session_id':'s','seq':0,'type':'first_frame','ts':1,'bitrate_kbps':0}",
        "{'v':1,'session_id':'s','seq':0,'type':'error','ts':1}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'error_fatal':'true'}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'stream_type':'dvr'}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'cdn':5}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'os':'a\\u0007b'}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'custom':{'k':1}}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'custom':{'1':'a','2':'a','3':'a',"
            + "'4':'a','5':'a','6':'a','7':'a','8':'a','9':'a','10':'a','11':'a'}}",
        "{'v':1,'session_id':'s','seq':0,'type':'cmcd','ts':1,'cmcd_sn':0}",
        "{'v':1,'session_id':'s','seq':0,'type':'cmcd','ts':1,'cmcd_mode':'event'}",
        "{'v':1,'session_id':'s','seq':0,'type':'cmcd','ts':1,'cmcd_mode':'event','cmcd_sn':0,"
            + "'cmcd_sta':'Play'}",
        "{'v':1,'session_id':'s','seq':0,'type':'end','ts':1,'cmcd_sn':-1}",
        "[]",
      })
  void bothReject(String doc) throws IOException {
    JsonNode node = JSON.readTree(doc.replace('\'', '"'));
    Set<ValidationMessage> schemaErrors = schema.validate(node);
    assertThat(schemaErrors).as("JSON Schema verdict on %s", doc).isNotEmpty();
    assertThat(BeaconParser.lenientClock().parse(node)).isInstanceOf(ParseResult.Invalid.class);
  }

  @Test
  void textLimitsAgree() throws IOException {
    String atLimit = "x".repeat(BeaconParser.MAX_TEXT_LENGTH);
    JsonNode ok =
        JSON.readTree(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"end\",\"ts\":1,\"cdn\":\""
                + atLimit
                + "\"}");
    JsonNode tooLong =
        JSON.readTree(
            "{\"v\":1,\"session_id\":\"s\",\"seq\":0,\"type\":\"end\",\"ts\":1,\"cdn\":\""
                + atLimit
                + "y\"}");
    assertThat(schema.validate(ok)).isEmpty();
    assertThat(BeaconParser.lenientClock().parse(ok)).isInstanceOf(ParseResult.Valid.class);
    assertThat(schema.validate(tooLong)).isNotEmpty();
    assertThat(BeaconParser.lenientClock().parse(tooLong)).isInstanceOf(ParseResult.Invalid.class);
  }
}
