package io.lcpr.ingest.batch;

import com.fasterxml.jackson.databind.JsonNode;

/** One record of a batch as read from the wire, or the reason it could not be read. */
public record ParsedRecord(int index, JsonNode json, RecordError error) {
}
