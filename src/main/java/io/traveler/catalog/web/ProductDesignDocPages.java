package io.traveler.catalog.web;

import io.traveler.catalog.internal.ProductDesignDocUploads;
import io.traveler.documents.Documents;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The product page's design document upload: the file goes to the documents module, the product records its id. */
@PageController
class ProductDesignDocPages {
    private final ProductDesignDocUploads uploads;

    ProductDesignDocPages(ProductDesignDocUploads uploads) {
        this.uploads = uploads;
    }

    @PostMapping("/app/catalog/products/{id}/design-docs")
    @PreAuthorize("hasAuthority('catalog:manage')")
    String upload(
            @PathVariable UUID id,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String type,
            RedirectAttributes flash) {
        return Forms.act(flash, "/app/catalog/products/" + id, "Design document added.", () -> {
            try (InputStream content = Uploads.content(file)) {
                uploads.upload(id, file.getOriginalFilename(), Documents.Type.parse(type), content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
