package io.lcpr.ingest.batch;

import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/** Binds one NDJSON line, given as UTF-8 bytes, to a record of its type. */
public interface RecordReader<T> {

    /** The record type; JSON array bodies are bound to it by databind. */
    Class<T> type();

    /** The record of {@code len} bytes at {@code off}, or the reason it is refused. */
    T read(int index, byte[] buf, int off, int len) throws InvalidRecordException;

    /** Databind for every line. */
    static <T> RecordReader<T> of(Class<T> type) {
        return new RecordReader<>() {
            @Override
            public Class<T> type() {
                return type;
            }

            @Override
            public T read(int index, byte[] buf, int off, int len) throws InvalidRecordException {
                return RecordBinder.bind(index, buf, off, len, type);
            }
        };
    }
}
