package io.lcpr.reconcile.invoice;

/** A file refused: where (line of the file, or JSON path, and column or field) and why. */
public class InvoiceFileException extends IllegalArgumentException {
    private final String line;
    private final String column;

    public InvoiceFileException(String line, String column, String reason) {
        super(line + (column == null ? "" : ", " + column) + ": " + reason);
        this.line = line;
        this.column = column;
    }

    public String line() {
        return line;
    }

    public String column() {
        return column;
    }
}
