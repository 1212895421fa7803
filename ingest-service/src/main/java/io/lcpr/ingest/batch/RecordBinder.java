package io.lcpr.ingest.batch;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.lcpr.events.EventJson;

/** Binds a record's JSON to its type, turning a type mismatch into the name of the offending field. */
public final class RecordBinder {
    private RecordBinder() {
    }

    public static <T> T bind(int index, JsonNode json, Class<T> type) throws InvalidRecordException {
        try {
            return EventJson.MAPPER.treeToValue(json, type);
        } catch (JsonMappingException e) {
            throw wrongType(index, e);
        } catch (Exception e) {
            throw new InvalidRecordException(new RecordError(index, "$", e.getMessage()));
        }
    }

    /**
     * Binds one record's JSON, as UTF-8 bytes, straight to its type, without building a tree first (the NDJSON path,
     * where the tree was a third of the parsing work). Text that is not a JSON object is refused as such.
     */
    public static <T> T bind(int index, byte[] buf, int off, int len, Class<T> type) throws InvalidRecordException {
        if (!startsAnObject(buf, off, len)) {
            throw new InvalidRecordException(new RecordError(index, "$", "a record must be a JSON object"));
        }
        try {
            return EventJson.MAPPER.readerFor(type).readValue(buf, off, len);
        } catch (JsonMappingException e) {
            throw wrongType(index, e);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException(new RecordError(index, "$", "malformed JSON: " + e.getOriginalMessage()));
        } catch (Exception e) {
            throw new InvalidRecordException(new RecordError(index, "$", e.getMessage()));
        }
    }

    private static boolean startsAnObject(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    private static InvalidRecordException wrongType(int index, JsonMappingException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
        return new InvalidRecordException(new RecordError(index, field.isEmpty() ? "$" : field,
                "wrong type: " + e.getOriginalMessage()));
    }

    /** A record refused with its error. */
    public static final class InvalidRecordException extends Exception {
        private final RecordError error;

        public InvalidRecordException(RecordError error) {
            super(error.reason(), null, false, false);
            this.error = error;
        }

        public RecordError error() {
            return error;
        }
    }
}
