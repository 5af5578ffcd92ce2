package io.traveler.documents.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The documents module's limits and places: the largest file ({@code traveler.documents.max-file-size}, 25 MB by
 * default), the bytes one organization may store ({@code traveler.documents.max-stored-bytes-per-organization}, 5 GB
 * by default) and the directory uploads are written to while they arrive ({@code <data-dir>/documents/.incoming}).
 */
public record DocumentsSettings(long maxFileBytes, long maxStoredBytes, Path incoming) {
    public DocumentsSettings {
        try {
            incoming = Files.createDirectories(incoming.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the documents' upload directory " + incoming, e);
        }
    }
}
