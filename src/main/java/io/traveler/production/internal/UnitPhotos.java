package io.traveler.production.internal;

import io.traveler.documents.Documents;
import io.traveler.documents.Documents.StoredDocument;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos taken on the floor (of a defect, or for a stage's photo action) are documents of the unit: stored through
 * the documents module (type detected from the bytes, hashed, size-limited), then named by id in a scan. A scan that
 * names a document which does not exist in the organization is refused.
 */
@Service
public class UnitPhotos {
    static final String ENTITY = "unit";

    private final Documents documents;
    private final UnitQueries units;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Callers callers;

    UnitPhotos(
            Documents documents,
            UnitQueries units,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Callers callers) {
        this.documents = documents;
        this.units = units;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.callers = callers;
    }

    /**
     * Stores a photo of the unit a scanned code names (the serial or the label's URL), as the scan station does. The
     * unit is found in a short transaction of its own: the upload itself (up to the file limit, from a phone) holds
     * no database connection.
     */
    public StoredDocument storeForCode(String code, String name, InputStream content) {
        String serial = ScanService.serialOf(code);
        UUID unit = transactions
                .execute(status -> jdbc.sql("select id from production.units where org_id = :org and serial = :serial")
                        .param("org", TenantContext.requireOrgId())
                        .param("serial", serial)
                        .query(UUID.class)
                        .optional())
                .orElseThrow(() -> new NotFoundException("Unit", serial));
        return store(unit, name, content);
    }

    /** Stores a photo of the unit (404 for a unit of no organization of the caller's). */
    public StoredDocument store(UUID unitId, String name, InputStream content) {
        var unit = units.unit(unitId);
        String fileName = name == null || name.isBlank() ? unit.serial() + " photo" : name.strip();
        return documents.store(
                new Documents.NewDocument(fileName, Documents.Type.PHOTO, List.of("floor"), ENTITY, unitId, "INTERNAL"),
                content);
    }

    /**
     * Refuses ids of documents the organization does not have, naming the field they came in; a RESTRICTED document
     * counts only for a caller who may read it ({@code documents:manage}), so a scan cannot attach (or probe) one.
     */
    void requireExisting(String field, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        boolean restrictedReadable = callers.hold("documents:manage");
        Set<UUID> found = new HashSet<>();
        documents.documents(ids).stream()
                .filter(document -> restrictedReadable || !"RESTRICTED".equals(document.accessLevel()))
                .forEach(document -> found.add(document.id()));
        for (UUID id : ids) {
            if (!found.contains(id)) {
                throw new ValidationException(field, "names no document of this organization: " + id);
            }
        }
    }
}
