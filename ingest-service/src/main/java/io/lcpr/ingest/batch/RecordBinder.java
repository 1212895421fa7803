package io.lcpr.ingest.batch;

import java.util.stream.Collectors;

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
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            throw new InvalidRecordException(new RecordError(index, field.isEmpty() ? "$" : field,
                    "wrong type: " + e.getOriginalMessage()));
        } catch (Exception e) {
            throw new InvalidRecordException(new RecordError(index, "$", e.getMessage()));
        }
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
