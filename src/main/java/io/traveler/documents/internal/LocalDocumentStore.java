package io.traveler.documents.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Documents on local disk under {@code <traveler.data-dir>/documents}: a key {@code org/ab/abcdef…} is the file
 * {@code documents/org/ab/abcdef…}. A finished temporary file (written in {@code documents/.incoming}, on the same
 * file system) is moved into place atomically, so a reader never sees half a file.
 */
public final class LocalDocumentStore implements DocumentStore {
    private final Path root;

    public LocalDocumentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, Path file, String mimeType, String sha256) throws IOException {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(file); // the same content arrived at the same time
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    /** The file of a key; a key that would leave the store's directory is refused. */
    public Path pathOf(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root) || key.startsWith(".")) {
            throw new IllegalArgumentException("Not a document key: " + key);
        }
        return path;
    }

    @Override
    public String describe() {
        return "local " + root;
    }
}
