package io.traveler.production.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.documents.Documents.StoredDocument;
import io.traveler.production.internal.UnitPhotos;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.web.Uploads;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A photo taken of a unit on the floor, stored as a document of the unit; a scan then names it by id. */
@RestController
@Tag(name = "Shop floor")
class UnitPhotosController {
    private final UnitPhotos photos;

    UnitPhotosController(UnitPhotos photos) {
        this.photos = photos;
    }

    @Schema(name = "UnitPhotoUpload")
    record PhotoForm(
            @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
            String file,

            @Schema(description = "Defaults to the unit's serial")
            String name) {}

    /** The stored photo: name it as {@code document_id} of a photo action or in a defect's {@code photo_ids}. */
    record PhotoView(UUID id, String name, String mimeType, long sizeBytes, String sha256, String contentUrl) {
        static PhotoView of(StoredDocument stored) {
            return new PhotoView(
                    stored.id(),
                    stored.name(),
                    stored.mimeType(),
                    stored.sizeBytes(),
                    stored.sha256(),
                    "/api/documents/" + stored.id() + "/content");
        }
    }

    @Operation(
            summary = "Upload a photo of a unit",
            description = "multipart/form-data. Stored as a PHOTO document of the unit (type detected from the bytes,"
                    + " at most traveler.documents.max-file-size); answer its id for a scan's document_id or a"
                    + " defect's photo_ids.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = PhotoForm.class))))
    @PostMapping(path = "/api/units/{id}/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('production:scan')")
    ResponseEntity<PhotoView> upload(
            @PathVariable UUID id,
            @Parameter(hidden = true) @RequestParam(required = false) MultipartFile file,
            @Parameter(hidden = true) @RequestParam(required = false) String name) {
        StoredDocument stored = photos.store(id, name, Uploads.content(file));
        return ResponseEntity.created(URI.create("/api/documents/" + stored.id()))
                .body(PhotoView.of(stored));
    }

    /** The scan station's photo, over its page session: the unit named by the scanned code. */
    @PostMapping(path = "/app/scan/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('production:scan')")
    ResponseEntity<PhotoView> uploadAtStation(
            @RequestParam(required = false) String code, @RequestParam(required = false) MultipartFile file) {
        if (code == null || code.isBlank()) {
            throw new ValidationException("code", "is required: the scanned unit");
        }
        StoredDocument stored = photos.storeForCode(code, null, Uploads.content(file));
        return ResponseEntity.created(URI.create("/api/documents/" + stored.id()))
                .body(PhotoView.of(stored));
    }
}
