package io.traveler.projects.web;

import io.traveler.documents.Documents;
import io.traveler.projects.internal.DesignDocUploads;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The project page's design document upload: the file goes to the documents module, the project records its id. */
@PageController
class DesignDocPages {
    private final DesignDocUploads uploads;

    DesignDocPages(DesignDocUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping("/app/projects/{id}/design-docs")
    @PreAuthorize("hasAuthority('projects:manage')")
    String upload(
            @PathVariable UUID id,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String type,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/projects/" + id, "Design document added.", () -> {
            if (file == null || file.isEmpty()) {
                throw new ValidationException("file", "choose a file that is not empty");
            }
            try (InputStream content = file.getInputStream()) {
                uploads.upload(id, file.getOriginalFilename(), documentType(type), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Documents.Type documentType(String sent) {
        if (sent == null || sent.isBlank()) {
            return null;
        }
        try {
            return Documents.Type.valueOf(sent.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("type", "is not a document type");
        }
    }
}
