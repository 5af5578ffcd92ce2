package io.traveler.projects.internal;

import io.traveler.documents.Documents;
import io.traveler.shared.errors.ValidationException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A design document uploaded as a real file: stored by the documents module (type detected, hash kept, linked to the
 * project) and recorded as the project's design document under the key {@code doc:<document id>}, in one
 * transaction: a refused file records nothing.
 */
@Service
public class DesignDocUploads {
    /** The file key prefix naming a document of the documents module. */
    public static final String DOCUMENT_KEY = "doc:";

    private final ProjectService projects;
    private final Documents documents;

    DesignDocUploads(ProjectService projects, Documents documents) {
        this.projects = projects;
        this.documents = documents;
    }

    @Transactional
    public DesignDoc upload(UUID projectId, String fileName, Documents.Type type, InputStream content) {
        projects.designDocs(projectId); // the project exists in this organization
        var stored = documents.store(
                new Documents.NewDocument(
                        fileName,
                        type == null ? Documents.Type.DRAWING : type,
                        List.of("design"),
                        "project",
                        projectId,
                        null),
                content);
        return projects.addDesignDoc(
                projectId,
                new ProjectService.NewDesignDoc(
                        DOCUMENT_KEY + stored.id(), stored.name(), stored.mimeType(), stored.sizeBytes(), null));
    }

    /**
     * A design document sent by key (the JSON API). A key {@code doc:<id>} must name a document of this organization
     * (422 on {@code file_key} otherwise); its name, detected type and size fill what was not sent. Other keys are
     * recorded as sent.
     */
    @Transactional
    public DesignDoc attach(UUID projectId, ProjectService.NewDesignDoc sent) {
        if (sent.fileKey() == null || !sent.fileKey().startsWith(DOCUMENT_KEY)) {
            return projects.addDesignDoc(projectId, sent);
        }
        UUID id;
        try {
            id = UUID.fromString(sent.fileKey().substring(DOCUMENT_KEY.length()));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("file_key", "doc: must be followed by a document id");
        }
        var document = documents
                .document(id)
                .orElseThrow(() -> new ValidationException("file_key", "names no document of this organization"));
        return projects.addDesignDoc(
                projectId,
                new ProjectService.NewDesignDoc(
                        DOCUMENT_KEY + document.id(),
                        sent.fileName() == null || sent.fileName().isBlank() ? document.name() : sent.fileName(),
                        document.mimeType(),
                        document.sizeBytes(),
                        sent.metadata()));
    }
}
