package io.lcpr.ingest.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import io.lcpr.ingest.batch.RecordBinder.InvalidRecordException;

/**
 * Reads a batch body record by record, validates each, and stores the valid ones in chunks (one transaction per
 * chunk) so memory stays flat for any batch size. Everything is stored before the caller answers.
 */
public final class BatchIngest<T> {

    /** Checks one bound record and returns its normalized form. */
    @FunctionalInterface
    public interface Validator<T> {
        T validate(int index, T record) throws InvalidRecordException;
    }

    private final RecordReader<T> reader;
    private final Validator<T> validator;
    private final ToIntFunction<List<T>> store;
    private final int chunkSize;

    public BatchIngest(RecordReader<T> reader, Validator<T> validator, ToIntFunction<List<T>> store, int chunkSize) {
        this.reader = reader;
        this.validator = validator;
        this.store = store;
        this.chunkSize = chunkSize;
    }

    public BatchResult ingest(InputStream body) {
        List<RecordError> errors = new ArrayList<>();
        List<T> chunk = new ArrayList<>(chunkSize);
        int[] counts = new int[2]; // received, accepted
        try {
            BatchReader.read(body, reader, parsed -> {
                counts[0]++;
                if (parsed.error() != null) {
                    errors.add(parsed.error());
                    return;
                }
                try {
                    chunk.add(validator.validate(parsed.index(), parsed.value()));
                } catch (InvalidRecordException e) {
                    errors.add(e.error());
                }
                if (chunk.size() == chunkSize) {
                    counts[1] += store.applyAsInt(chunk);
                    chunk.clear();
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        if (!chunk.isEmpty()) {
            counts[1] += store.applyAsInt(chunk);
        }
        int valid = counts[0] - errors.size();
        return new BatchResult(counts[0], counts[1], valid - counts[1], errors.size(), errors);
    }
}
