package io.traveler.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of documents live: local disk under the data directory ({@link LocalDocumentStore}, the default)
 * or an S3-compatible bucket ({@link S3DocumentStore}, {@code traveler.documents.store=s3}). Keys are made by the
 * documents module from the organization and the content's SHA-256; a store never sees the sender's file name.
 */
public interface DocumentStore {
    /**
     * Keeps {@code file} (a finished temporary file the caller wrote, hashed and checked) under {@code key}, and
     * takes it over: the file is moved or deleted. Storing a key that is already there keeps the stored bytes
     * (the key names the content).
     */
    void put(String key, Path file, String mimeType, String sha256) throws IOException;

    /** The stored bytes of {@code key}; {@link java.nio.file.NoSuchFileException} when nothing is stored there. */
    InputStream open(String key) throws IOException;

    /** A short name for logs and the health of the configuration ("local /data/documents", "s3 bucket"). */
    String describe();
}
