package io.traveler.shared;

import java.util.regex.Pattern;

/**
 * Spreadsheet formula injection: a cell beginning with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return is run as a formula when the file is opened. Exports prefix such cells with {@code '}, which spreadsheets
 * read as "text"; imports strip exactly that prefix, so importing an export gives back the stored values. A value
 * that already starts with {@code '} before such a character gets one more, so the mapping is reversible.
 */
public final class CsvCells {
    private static final Pattern NEEDS_QUOTE = Pattern.compile("^'*[=+\\-@\t\r]");
    private static final Pattern QUOTED = Pattern.compile("^'+[=+\\-@\t\r]");

    private CsvCells() {}

    /** The cell as written to an export. */
    public static String escape(String value) {
        return value != null && NEEDS_QUOTE.matcher(value).find() ? "'" + value : value;
    }

    /** The value of a cell read from an import. */
    public static String unescape(String cell) {
        return cell != null && QUOTED.matcher(cell).find() ? cell.substring(1) : cell;
    }
}
