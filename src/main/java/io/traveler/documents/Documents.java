package io.traveler.documents;

import io.traveler.shared.errors.ValidationException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules may ask the documents module, in the current organization. Other modules keep document ids
 * (a defect's photos, a stage action's photo, a project's design documents) and store files through here.
 */
public interface Documents {
    /** The kinds of file (DOMAIN.md): WORK_INSTRUCTION, SPECIFICATION, DRAWING, PHOTO, MANUAL, CERTIFICATE, OTHER. */
    enum Type {
        WORK_INSTRUCTION,
        SPECIFICATION,
        DRAWING,
        PHOTO,
        MANUAL,
        CERTIFICATE,
        OTHER;

        /** A type as sent, in any case; none for a blank one; a problem on {@code type} for an unknown one. */
        public static Type parse(String sent) {
            if (sent == null || sent.isBlank()) {
                return null;
            }
            try {
                return valueOf(sent.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        "type", "is one of " + Arrays.toString(values()).replaceAll("[\\[\\]]", ""));
            }
        }
    }

    /** A stored file's metadata. {@code entityType} is a module's name for what it belongs to ("defect", "project"). */
    record StoredDocument(
            UUID id,
            String name,
            Type type,
            String mimeType,
            long sizeBytes,
            String sha256,
            int version,
            List<String> tags,
            String entityType,
            UUID entityId,
            String accessLevel,
            Instant createdAt) {}

    /** A file to store for an entity; its MIME type is detected from the content, never taken from the sender. */
    record NewDocument(
            String name, Type type, List<String> tags, String entityType, UUID entityId, String accessLevel) {}

    /** Stores the content (checked against the size limit and the allowed types) and answers what was stored. */
    StoredDocument store(NewDocument document, InputStream content);

    Optional<StoredDocument> document(UUID id);

    /**
     * The documents of these ids that exist in the current organization; a module checks ids it was sent with
     * this (an id of another organization, or none at all, is simply absent).
     */
    List<StoredDocument> documents(Collection<UUID> ids);

    List<StoredDocument> documentsOf(String entityType, UUID entityId);
}
