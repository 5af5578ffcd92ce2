package io.traveler.shared.web;

import io.traveler.shared.errors.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.web.multipart.MultipartFile;

/** An uploaded file part, for the API's and the pages' multipart uploads alike. */
public final class Uploads {
    private Uploads() {}

    /**
     * The part's content as the container spooled it (never its bytes in memory); a problem on {@code file} when
     * none was sent or it is empty.
     */
    public static InputStream content(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new ValidationException("file", "is required and must not be empty");
        }
        try {
            return file.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
