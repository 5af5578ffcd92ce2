package io.traveler.shared.jobs;

import io.traveler.shared.Ids;
import io.traveler.shared.web.PayloadTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The uploaded inputs of jobs, under {@code <traveler.data-dir>/uploads/}: a body is copied there as it arrives,
 * counted (413 beyond {@code traveler.api.max-import-bytes}, leaving nothing behind), and the job reads it back from
 * disk. A job names its file; the file is deleted when the retention period has passed. (Files named {@code .import}
 * were stored by the imports before they became jobs.)
 */
@Component
class JobFiles {
    private static final Pattern NAME = Pattern.compile("[0-9a-f-]{36}\\.(import|job)");

    record Stored(String name, long bytes) {}

    private final Path directory;
    private final long maxBytes;

    JobFiles(
            @Value("${traveler.data-dir:./data}") Path dataDir,
            @Value("${traveler.api.max-import-bytes:64MB}") DataSize maxBytes) {
        this.directory = dataDir.resolve("uploads").toAbsolutePath().normalize();
        this.maxBytes = maxBytes.toBytes();
    }

    /** The body as a new file: its name and size. */
    Stored store(InputStream body) {
        String name = Ids.newId() + ".job";
        Path file = path(name);
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = body.read(buffer)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new PayloadTooLargeException(maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Stored(name, Files.size(file));
        } catch (IOException | RuntimeException e) {
            delete(name);
            if (PayloadTooLargeException.in(e) instanceof PayloadTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** A name for a file a job will write (an export's result); the directory exists. */
    String newFile() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Ids.newId() + ".job";
    }

    long size(String name) {
        try {
            return Files.size(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not the name of a job's file: " + name);
        }
        return directory.resolve(name);
    }

    boolean exists(String name) {
        return Files.exists(path(name));
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
