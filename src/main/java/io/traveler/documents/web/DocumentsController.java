package io.traveler.documents.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.traveler.documents.Documents;
import io.traveler.documents.internal.ContentTypes;
import io.traveler.documents.internal.DocumentService;
import io.traveler.documents.internal.DocumentService.Document;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.PageRequest;
import io.traveler.shared.web.Uploads;
import io.traveler.shared.web.Versions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Documents over the API. Uploads are {@code multipart/form-data} with the file in the part {@code file}; its type
 * is detected from the bytes (the part's own Content-Type is ignored). Downloads carry the detected type,
 * {@code X-Content-Type-Options: nosniff}, and {@code Content-Disposition: attachment} (inline only for images and
 * PDF).
 */
@Tag(name = "Documents")
@RestController
class DocumentsController {
    private final DocumentService documents;

    DocumentsController(DocumentService documents) {
        this.documents = documents;
    }

    record DocumentView(
            UUID id,
            UUID familyId,
            int version,
            boolean latest,
            String name,
            Documents.Type type,
            long sizeBytes,
            String mimeType,
            String sha256,
            List<String> tags,
            String entityType,
            UUID entityId,
            String accessLevel,
            UUID uploadedBy,
            Instant createdAt,
            String contentUrl) {
        static DocumentView of(Document d) {
            return new DocumentView(
                    d.id(),
                    d.familyId(),
                    d.version(),
                    d.latest(),
                    d.name(),
                    d.type(),
                    d.sizeBytes(),
                    d.mimeType(),
                    d.sha256(),
                    d.tags(),
                    d.entityType(),
                    d.entityId(),
                    d.accessLevel(),
                    d.uploadedBy(),
                    d.createdAt(),
                    "/api/documents/" + d.id() + "/content");
        }
    }

    /** The multipart form of an upload, for the API's description (the handler reads the parts one by one). */
    @Schema(name = "DocumentUpload")
    record UploadForm(
            @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
            String file,

            @Schema(description = "Defaults to the file's name")
            String name,

            @Schema(
                    allowableValues = {
                        "WORK_INSTRUCTION",
                        "SPECIFICATION",
                        "DRAWING",
                        "PHOTO",
                        "MANUAL",
                        "CERTIFICATE",
                        "OTHER"
                    },
                    description = "Defaults to OTHER")
            String type,

            @Schema(description = "Comma-separated, or the part repeated; at most 20")
            String tags,

            @Schema(description = "A module's name for what the document belongs to: project, product, defect")
            String entityType,

            @Schema(format = "uuid") String entityId,

            @Schema(
                    allowableValues = {"INTERNAL", "RESTRICTED"},
                    description = "Defaults to INTERNAL")
            String accessLevel) {}

    @Schema(name = "DocumentVersionUpload")
    record VersionForm(
            @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
            String file,

            @Schema(description = "Defaults to the previous version's name")
            String name) {}

    @Operation(
            summary = "Upload a document",
            description = "multipart/form-data. The file may be at most traveler.documents.max-file-size (25 MB by"
                    + " default; 413 beyond), and the organization's stored documents at most"
                    + " traveler.documents.max-stored-bytes-per-organization (5 GB by default; 413 beyond); its type"
                    + " is detected from its content and must be an allowed one (422 on `file` otherwise).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = UploadForm.class))))
    @PostMapping(path = "/api/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('documents:manage')")
    ResponseEntity<DocumentView> upload(
            @Parameter(hidden = true) @RequestParam(required = false) MultipartFile file,
            @Parameter(hidden = true) @RequestParam(required = false) String name,
            @Parameter(hidden = true) @RequestParam(required = false) String type,
            @Parameter(hidden = true) @RequestParam(required = false) List<String> tags,
            @Parameter(hidden = true) @RequestParam(name = "entity_type", required = false) String entityType,
            @Parameter(hidden = true) @RequestParam(name = "entity_id", required = false) String entityId,
            @Parameter(hidden = true) @RequestParam(name = "access_level", required = false) String accessLevel) {
        var sent = new Documents.NewDocument(
                name,
                Documents.Type.parse(type),
                splitTags(tags),
                entityType,
                uuid("entity_id", entityId),
                accessLevel);
        Document stored = documents.upload(sent, Uploads.content(file), file.getOriginalFilename());
        return Versions.created("/api/documents/" + stored.id(), stored.revision(), DocumentView.of(stored));
    }

    @Operation(summary = "List documents (the latest version of each), newest first")
    @GetMapping("/api/documents")
    @PreAuthorize("hasAuthority('documents:read')")
    ItemList<DocumentView> list(
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) UUID entityId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor, null, Set.of("created_at"), "-created_at");
        return documents
                .list(
                        new DocumentService.Filter(entityType, entityId, Documents.Type.parse(type), tag, q),
                        page.limit(),
                        cursor)
                .map(DocumentView::of);
    }

    @Operation(summary = "Get a document")
    @GetMapping("/api/documents/{id}")
    @PreAuthorize("hasAuthority('documents:read')")
    ResponseEntity<DocumentView> get(@PathVariable UUID id) {
        Document document = documents.readable(id);
        return Versions.ok(document.revision(), DocumentView.of(document));
    }

    @Operation(summary = "List a document's versions, newest first")
    @GetMapping("/api/documents/{id}/versions")
    @PreAuthorize("hasAuthority('documents:read')")
    ItemList<DocumentView> versions(@PathVariable UUID id) {
        return new ItemList<>(
                documents.versions(id).stream().map(DocumentView::of).toList(), null);
    }

    @Operation(
            summary = "Upload a new version of a document",
            description = "multipart/form-data; the new version keeps the document's type, tags, entity and access"
                    + " level. An If-Match names the revision of the document in the path (stale once a newer"
                    + " version exists).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = VersionForm.class))))
    @PostMapping(path = "/api/documents/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('documents:manage')")
    ResponseEntity<DocumentView> newVersion(
            @PathVariable UUID id,
            @Parameter(hidden = true) @RequestParam(required = false) MultipartFile file,
            @Parameter(hidden = true) @RequestParam(required = false) String name,
            ExpectedVersion expected) {
        Document stored = documents.newVersion(id, expected, name, Uploads.content(file), file.getOriginalFilename());
        return Versions.created("/api/documents/" + stored.id(), stored.revision(), DocumentView.of(stored));
    }

    @Operation(
            summary = "Download a document's content",
            description = "Served only after its SHA-256 matched the one recorded at upload; a stored file that"
                    + " changed or went missing answers 409 instead of the bytes.")
    @ApiResponse(
            responseCode = "200",
            description = "The bytes, with the detected Content-Type",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(
            responseCode = "409",
            description = "The stored file does not match its SHA-256, or is missing",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @GetMapping("/api/documents/{id}/content")
    @PreAuthorize("hasAuthority('documents:read')")
    ResponseEntity<InputStreamResource> content(@PathVariable UUID id) {
        return download(documents.content(id));
    }

    @Operation(summary = "Delete a document (every version)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/api/documents/{id}")
    @PreAuthorize("hasAuthority('documents:manage')")
    ResponseEntity<Void> delete(@PathVariable UUID id, ExpectedVersion expected) {
        documents.delete(id, expected);
        return ResponseEntity.noContent().build();
    }

    /** The verified bytes as a download: the detected type, no sniffing, inline only for images and PDF. */
    static ResponseEntity<InputStreamResource> download(DocumentService.Content content) {
        Document document = content.document();
        ContentDisposition disposition = (ContentTypes.inline(document.mimeType())
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(document.name(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.mimeType()))
                .contentLength(document.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content.stream()));
    }

    static UUID uuid(String field, String sent) {
        if (sent == null || sent.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(sent.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "is not a UUID");
        }
    }

    static List<String> splitTags(List<String> sent) {
        if (sent == null) {
            return List.of();
        }
        return sent.stream()
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .limit(1000)
                .toList();
    }

    /** The part as the container spooled it to disk; never its bytes in memory. */
}
