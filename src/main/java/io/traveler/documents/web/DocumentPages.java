package io.traveler.documents.web;

import io.traveler.documents.Documents;
import io.traveler.documents.internal.DocumentService;
import io.traveler.documents.internal.DocumentService.Document;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.ListPages;
import io.traveler.shared.web.PageController;
import io.traveler.shared.web.Uploads;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The documents pages: the list with its filters and the upload form, a document with its versions, a new version,
 * deleting, and downloads (the same verified bytes and headers as the API's {@code /content}).
 */
@PageController
@RequestMapping("/app/documents")
class DocumentPages {
    private final DocumentService documents;

    DocumentPages(DocumentService documents) {
        this.documents = documents;
    }

    /** What the upload form keeps when it is shown again after a refusal. */
    record UploadForm(String name, String type, String tags, String entityType, String entityId, String accessLevel) {
        static UploadForm empty() {
            return new UploadForm(null, "OTHER", null, null, null, "INTERNAL");
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('documents:read')")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tag,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        if (!model.containsAttribute("upload")) {
            model.addAttribute("upload", UploadForm.empty());
        }
        model.addAttribute("types", Documents.Type.values());
        UUID entity = DocumentsController.uuid("entity_id", entityId);
        var filter = new DocumentService.Filter(
                blank(entityType) ? null : entityType, entity, Documents.Type.parse(type), blank(tag) ? null : tag, q);
        return ListPages.of(request, model, "documents/list")
                .filter("q", q)
                .filter("type", type)
                .filter("tag", tag)
                .filter("entity_type", entityType)
                .filter("entity_id", entityId)
                .show(cursor, page -> documents.list(filter, page.size(), page.cursor()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('documents:manage')")
    String upload(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String tags,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(name = "access_level", required = false) String accessLevel,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var form = new UploadForm(name, type, tags, entityType, entityId, accessLevel);
        return Forms.submit(
                model,
                () -> {
                    var sent = new Documents.NewDocument(
                            name,
                            Documents.Type.parse(type),
                            DocumentsController.splitTags(tags == null ? null : List.of(tags)),
                            entityType,
                            DocumentsController.uuid("entity_id", entityId),
                            accessLevel);
                    Document stored = documents.upload(sent, Uploads.content(file), file.getOriginalFilename());
                    return "redirect:/app/documents/" + stored.id();
                },
                () -> {
                    response.setStatus(422);
                    model.addAttribute("upload", form);
                    return list(null, null, null, null, null, null, request, model);
                });
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('documents:read')")
    String document(@PathVariable UUID id, Model model) {
        Document document = documents.readable(id);
        model.addAttribute("document", document);
        model.addAttribute("versions", documents.versions(id));
        return "documents/document";
    }

    @GetMapping("/{id}/content")
    @PreAuthorize("hasAuthority('documents:read')")
    ResponseEntity<InputStreamResource> content(@PathVariable UUID id) {
        return DocumentsController.download(documents.content(id));
    }

    @PostMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('documents:manage')")
    String newVersion(
            @PathVariable UUID id,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Long version,
            RedirectAttributes flash) {
        UUID[] created = new UUID[1];
        String back = Forms.act(
                flash,
                "/app/documents/" + id,
                "New version uploaded.",
                () -> created[0] = documents
                        .newVersion(
                                id,
                                ExpectedVersion.ofNullable(version),
                                name,
                                Uploads.content(file),
                                file.getOriginalFilename())
                        .id());
        return created[0] == null ? back : "redirect:/app/documents/" + created[0];
    }

    @GetMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('documents:manage')")
    String confirmDelete(@PathVariable UUID id, Model model) {
        Document document = documents.readable(id);
        return Forms.confirm(
                model,
                "Delete " + document.name() + "?",
                "Every version of the document leaves the lists and can no longer be downloaded.",
                "/app/documents/" + id + "/delete",
                document.revision(),
                "/app/documents/" + id);
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasAuthority('documents:manage')")
    String delete(@PathVariable UUID id, @RequestParam(required = false) Long version, RedirectAttributes flash) {
        return Forms.act(
                flash,
                "/app/documents",
                "Document deleted.",
                () -> documents.delete(id, ExpectedVersion.ofNullable(version)));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
