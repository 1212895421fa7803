package io.lcpr.reconcile.invoice;

import java.io.FilterReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;

/** A reader that drops a leading byte-order mark (Excel and the FOCUS spec's own examples write one). */
final class BomSkippingReader extends FilterReader {
    BomSkippingReader(Reader in) throws IOException {
        super(skipBom(new PushbackReader(in, 1)));
    }

    private static Reader skipBom(PushbackReader in) throws IOException {
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }
}
