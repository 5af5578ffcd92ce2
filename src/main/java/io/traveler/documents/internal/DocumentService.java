package io.traveler.documents.internal;

import io.traveler.documents.Documents;
import io.traveler.shared.Ids;
import io.traveler.shared.errors.ConflictException;
import io.traveler.shared.errors.ForbiddenException;
import io.traveler.shared.errors.NotFoundException;
import io.traveler.shared.errors.ValidationException;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.paging.ItemList;
import io.traveler.shared.paging.TimeCursor;
import io.traveler.shared.security.Callers;
import io.traveler.shared.tenancy.TenantContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores, versions, lists, serves and deletes documents of the current organization. An upload streams to a
 * temporary file while its SHA-256 and size are computed (refused past the size limit), its type is detected from the
 * bytes and checked against the allow-list, the file is handed to the {@link DocumentStore} under a key made from
 * the organization and the hash, and only then is the row written, in one short transaction (a slow sender never
 * holds a database connection). Serving reads the stored bytes back and compares their hash before any byte goes
 * out: a file changed on the storage is refused, never served.
 */
@Service
public class DocumentService implements Documents {
    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z_]{0,39}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 50;
    static final String MANAGE = "documents:manage";
    private static final String COLUMNS = """
            id, family_id, version, latest, name, type, size_bytes, mime_type, sha256, storage_key, tags,
            entity_type, entity_id, access_level, status, uploaded_by, created_at, revision
            """;

    /** Every column of a document row. {@code revision} is its ETag. */
    public record Document(
            UUID id,
            UUID familyId,
            int version,
            boolean latest,
            String name,
            Type type,
            long sizeBytes,
            String mimeType,
            String sha256,
            String storageKey,
            List<String> tags,
            String entityType,
            UUID entityId,
            String accessLevel,
            String status,
            UUID uploadedBy,
            Instant createdAt,
            long revision) {
        public boolean restricted() {
            return accessLevel.equals("RESTRICTED");
        }

        StoredDocument stored() {
            return new StoredDocument(
                    id,
                    name,
                    type,
                    mimeType,
                    sizeBytes,
                    sha256,
                    version,
                    tags,
                    entityType,
                    entityId,
                    accessLevel,
                    createdAt);
        }
    }

    /** The list's filters; each null means "any". */
    public record Filter(String entityType, UUID entityId, Type type, String tag, String q) {}

    /** A document's verified bytes: a stream over a file whose hash matched; close it when done. */
    public record Content(Document document, InputStream stream) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DocumentStore store;
    private final ContentTypes contentTypes;
    private final DocumentsSettings settings;
    private final Callers callers;

    DocumentService(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            DocumentStore store,
            ContentTypes contentTypes,
            DocumentsSettings settings,
            Callers callers) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.contentTypes = contentTypes;
        this.settings = settings;
        this.callers = callers;
    }

    // --- storing ----------------------------------------------------------------------------------------------

    @Override
    public StoredDocument store(NewDocument document, InputStream content) {
        return upload(document, content, null).stored();
    }

    /**
     * A new document (version 1 of a new family). {@code fileName} is the sender's name of the file, a hint for
     * telling apart types the bytes alone cannot (a ZIP that is a .docx, text that is CSV); it is never stored as a
     * path.
     */
    public Document upload(NewDocument sent, InputStream content, String fileName) {
        String name = name(sent.name(), fileName);
        Type type = sent.type() == null ? Type.OTHER : sent.type();
        List<String> tags = tags(sent.tags());
        String entityType = entityType(sent.entityType(), sent.entityId());
        String access = accessLevel(sent.accessLevel());
        Staged staged = stage(content, fileName == null ? name : fileName);
        UUID id = Ids.newId();
        try {
            return transactions.execute(tx -> {
                keep(staged);
                insert(id, id, 1, name, type, staged, tags, entityType, sent.entityId(), access);
                return find(id).orElseThrow();
            });
        } finally {
            discard(staged);
        }
    }

    /**
     * A new version of the document {@code id} belongs to: the family's next version number, its type, tags, entity
     * and access level kept, the name kept unless a new one is sent. An {@code If-Match} names the revision of the
     * document {@code id} (stale once a newer version exists); the family's latest row is locked meanwhile.
     */
    public Document newVersion(
            UUID id, ExpectedVersion expected, String newName, InputStream content, String fileName) {
        Document named = transactions.execute(tx -> readable(id));
        expected.checkIfGiven(named.revision());
        String name = newName == null || newName.isBlank() ? named.name() : name(newName, null);
        Staged staged = stage(content, fileName == null ? name : fileName);
        UUID newId = Ids.newId();
        try {
            return storeVersion(id, expected, named, name, staged, newId);
        } finally {
            discard(staged);
        }
    }

    private Document storeVersion(
            UUID id, ExpectedVersion expected, Document named, String name, Staged staged, UUID newId) {
        return transactions.execute(tx -> {
            Document latest = jdbc.sql("select " + COLUMNS + """
                              from documents.documents
                             where org_id = :org and family_id = :family and latest for update
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("family", named.familyId())
                    .query(DocumentService::document)
                    .optional()
                    .filter(d -> d.status().equals("ACTIVE"))
                    .orElseThrow(() -> NotFoundException.of("Document", id));
            if (latest.id().equals(id)) {
                expected.checkIfGiven(latest.revision());
            } else if (expected.isGiven()) {
                expected.checkIfGiven(revisionOf(id));
            }
            keep(staged);
            jdbc.sql("""
                            update documents.documents set latest = false, revision = revision + 1
                             where org_id = :org and id = :id
                            """)
                    .param("org", TenantContext.requireOrgId())
                    .param("id", latest.id())
                    .update();
            insert(
                    newId,
                    latest.familyId(),
                    latest.version() + 1,
                    name,
                    latest.type(),
                    staged,
                    latest.tags(),
                    latest.entityType(),
                    latest.entityId(),
                    latest.accessLevel());
            return find(newId).orElseThrow();
        });
    }

    /** Marks every version of the document's family DELETED; {@code If-Match} (the named document's) is required. */
    @Transactional
    public void delete(UUID id, ExpectedVersion expected) {
        Document named = jdbc.sql("select " + COLUMNS + " from documents.documents where org_id = :org and id = :id"
                        + " for update")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(DocumentService::document)
                .optional()
                .filter(d -> d.status().equals("ACTIVE"))
                .orElseThrow(() -> NotFoundException.of("Document", id));
        expected.require(named.revision());
        jdbc.sql("""
                        update documents.documents
                           set status = 'DELETED', deleted_at = :now, revision = revision + 1
                         where org_id = :org and family_id = :family and status = 'ACTIVE'
                        """)
                .param("now", Timestamp.from(now()))
                .param("org", TenantContext.requireOrgId())
                .param("family", named.familyId())
                .update();
    }

    private void insert(
            UUID id,
            UUID familyId,
            int version,
            String name,
            Type type,
            Staged staged,
            List<String> tags,
            String entityType,
            UUID entityId,
            String access) {
        jdbc.sql("""
                        insert into documents.documents
                            (org_id, id, family_id, version, latest, name, type, size_bytes, mime_type, sha256,
                             storage_key, tags, entity_type, entity_id, access_level, status, uploaded_by, created_at)
                        values (:org, :id, :family, :version, true, :name, :type, :size, :mime, :sha, :key,
                                cast(:tags as text[]), :entityType, :entityId, :access, 'ACTIVE', :by, :at)
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .param("family", familyId)
                .param("version", version)
                .param("name", name)
                .param("type", type.name())
                .param("size", staged.size())
                .param("mime", staged.mimeType())
                .param("sha", staged.sha256())
                .param("key", staged.key())
                .param("tags", textArray(tags))
                .param("entityType", entityType)
                .param("entityId", entityId)
                .param("access", access)
                .param("by", TenantContext.actorId().orElse(null))
                .param("at", Timestamp.from(now()))
                .update();
    }

    /**
     * The upload written to a temporary file, hashed, counted and typed; {@link #keep} hands it to the store in the
     * upload's transaction.
     */
    record Staged(Path file, String key, long size, String sha256, String mimeType) {}

    /**
     * Counts the staged content against its organization's storage and hands it to the store, in the upload's
     * transaction. The organization's usage row is locked first, so concurrent uploads are counted one after the
     * other; content the organization has stored already (the key names it) takes no more room.
     */
    private void keep(Staged staged) {
        UUID org = TenantContext.requireOrgId();
        long stored = jdbc.sql("""
                        insert into documents.usage (org_id, stored_bytes) values (:org, 0)
                        on conflict (org_id) do update set stored_bytes = documents.usage.stored_bytes
                        returning stored_bytes
                        """).param("org", org).query(Long.class).single();
        boolean storedAlready = jdbc.sql("""
                        select exists (select 1 from documents.documents where org_id = :org and storage_key = :key)
                        """)
                .param("org", org)
                .param("key", staged.key())
                .query(Boolean.class)
                .single();
        if (!storedAlready) {
            if (stored + staged.size() > settings.maxStoredBytes()) {
                throw new DocumentStorageFull(stored, staged.size(), settings.maxStoredBytes());
            }
            jdbc.sql("update documents.usage set stored_bytes = stored_bytes + :size where org_id = :org")
                    .param("size", staged.size())
                    .param("org", org)
                    .update();
        }
        try {
            store.put(staged.key(), staged.file(), staged.mimeType(), staged.sha256());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the staged file if the store did not take it (the upload was refused or failed). */
    private static void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            log.warn("Could not delete the upload's temporary file {}", staged.file(), e);
        }
    }

    private Staged stage(InputStream content, String nameHint) {
        if (content == null) {
            throw new ValidationException("file", "is required");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(settings.incoming(), "upload-", ".part");
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = new DigestInputStream(content, sha);
                    OutputStream out = Files.newOutputStream(temp)) {
                size = copyWithin(in, out, settings.maxFileBytes());
            }
            if (size == 0) {
                throw new ValidationException("file", "is empty");
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            String mimeType = contentTypes.detectAllowed(temp, nameHint);
            String key = TenantContext.requireOrgId() + "/" + hash.substring(0, 2) + "/" + hash;
            var staged = new Staged(temp, key, size, hash, mimeType);
            temp = null;
            return staged;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.warn("Could not delete the upload's temporary file {}", temp, e);
                }
            }
        }
    }

    private static long copyWithin(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > limit) {
                throw new DocumentTooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    // --- reading ----------------------------------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<StoredDocument> document(UUID id) {
        return find(id).filter(d -> d.status().equals("ACTIVE")).map(Document::stored);
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredDocument> documents(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql("select " + COLUMNS + """
                          from documents.documents
                         where org_id = :org and id = any(:ids) and status = 'ACTIVE'
                         order by created_at, id
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", ids.toArray(UUID[]::new))
                .query(DocumentService::document)
                .list()
                .stream()
                .map(Document::stored)
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredDocument> documentsOf(String entityType, UUID entityId) {
        return jdbc
                .sql("select " + COLUMNS + """
                          from documents.documents
                         where org_id = :org and entity_type = :type and entity_id = :entity
                           and latest and status = 'ACTIVE'
                         order by created_at desc, id desc
                         limit 500
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("type", entityType)
                .param("entity", entityId)
                .query(DocumentService::document)
                .list()
                .stream()
                .map(Document::stored)
                .toList();
    }

    /** A document the caller may read: active, of this organization, and RESTRICTED only with documents:manage. */
    @Transactional(readOnly = true)
    public Document readable(UUID id) {
        Document document = find(id).filter(d -> d.status().equals("ACTIVE"))
                .orElseThrow(() -> NotFoundException.of("Document", id));
        if (document.restricted() && !callers.hold(MANAGE)) {
            throw new ForbiddenException("Reading a RESTRICTED document needs " + MANAGE);
        }
        return document;
    }

    /** The latest active documents, newest first, RESTRICTED ones only for holders of documents:manage. */
    @Transactional(readOnly = true)
    public ItemList<Document> list(Filter filter, int limit, String cursor) {
        TimeCursor after = TimeCursor.parse(cursor);
        if ((filter.entityType() == null) != (filter.entityId() == null)) {
            throw new ValidationException(
                    filter.entityType() == null ? "entity_type" : "entity_id", "is needed with the other");
        }
        List<Document> rows = jdbc.sql("select " + COLUMNS + """
                          from documents.documents
                         where org_id = :org and latest and status = 'ACTIVE'
                           and (:restricted or access_level <> 'RESTRICTED')
                           and (cast(:entityType as text) is null
                                or (entity_type = :entityType and entity_id = cast(:entityId as uuid)))
                           and (cast(:type as text) is null or type = :type)
                           and (cast(:tag as text) is null or tags @> array[cast(:tag as text)])
                           and (cast(:q as text) is null or name ilike '%' || :q || '%')
                           and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
                         order by created_at desc, id desc
                         limit :limit
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("restricted", callers.hold(MANAGE))
                .param(
                        "entityType",
                        filter.entityType() == null ? null : entityType(filter.entityType(), filter.entityId()))
                .param("entityId", filter.entityId())
                .param("type", filter.type() == null ? null : filter.type().name())
                .param("tag", filter.tag() == null ? null : filter.tag().trim())
                .param("q", filter.q() == null || filter.q().isBlank() ? null : likeText(filter.q()))
                .param("afterAt", TimeCursor.timeOf(after))
                .param("afterId", TimeCursor.idOf(after))
                .param("limit", limit + 1)
                .query(DocumentService::document)
                .list();
        return TimeCursor.page(rows, limit, d -> new TimeCursor(d.createdAt(), d.id()));
    }

    /** Every version of the family {@code id} belongs to, newest first (at most 500). */
    @Transactional(readOnly = true)
    public List<Document> versions(UUID id) {
        Document named = readable(id);
        return jdbc.sql("select " + COLUMNS + """
                          from documents.documents
                         where org_id = :org and family_id = :family and status = 'ACTIVE'
                         order by version desc
                         limit 500
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("family", named.familyId())
                .query(DocumentService::document)
                .list();
    }

    /**
     * The document's bytes, checked against its SHA-256 first: they are read once through the hash (into a
     * temporary copy when the store is remote), and only a match is served. A mismatch (the file was changed or
     * damaged on the storage) or a missing file is a 409 naming the document, logged as an error.
     */
    public Content content(UUID id) {
        Document document = transactions.execute(tx -> readable(id));
        Path copy = null;
        try {
            Path verified;
            if (store instanceof LocalDocumentStore local) {
                verified = local.pathOf(document.storageKey());
                checkHash(document, Files.newInputStream(verified), null);
            } else {
                copy = Files.createTempFile(settings.incoming(), "download-", ".part");
                checkHash(document, store.open(document.storageKey()), copy);
                verified = copy;
            }
            Path served = verified;
            Path temporary = copy;
            copy = null;
            return new Content(document, new FilterInputStream(Files.newInputStream(served)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    if (temporary != null) {
                        Files.deleteIfExists(temporary);
                    }
                }
            });
        } catch (NoSuchFileException e) {
            log.error(
                    "Document {} of organization {}: its file {} is missing from {}",
                    id,
                    TenantContext.requireOrgId(),
                    document.storageKey(),
                    store.describe());
            throw new ConflictException("The file of document " + id + " is missing from the storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException e) {
                    log.warn("Could not delete the download's temporary file {}", copy, e);
                }
            }
        }
    }

    private void checkHash(Document document, InputStream stored, Path copy) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(stored, sha);
                OutputStream out = copy == null ? OutputStream.nullOutputStream() : Files.newOutputStream(copy)) {
            in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(document.sha256())) {
            log.error(
                    "Document {}: the stored file {} has SHA-256 {}, not the {} recorded at upload; not served",
                    document.id(),
                    document.storageKey(),
                    actual,
                    document.sha256());
            throw new ConflictException("The stored file of document " + document.id()
                    + " does not match its SHA-256: it was changed on the storage and is not served");
        }
    }

    private Optional<Document> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from documents.documents where org_id = :org and id = :id")
                .param("org", TenantContext.requireOrgId())
                .param("id", id)
                .query(DocumentService::document)
                .optional();
    }

    private long revisionOf(UUID id) {
        return find(id).map(Document::revision).orElseThrow(() -> NotFoundException.of("Document", id));
    }

    // --- rules ------------------------------------------------------------------------------------------------

    private static String name(String sent, String fileName) {
        String name = sent == null || sent.isBlank() ? baseName(fileName) : sent.trim();
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required (or send a file with a name)");
        }
        if (name.length() > 255) {
            throw new ValidationException("name", "must be at most 255 characters");
        }
        if (CONTROL.matcher(name).find()) {
            throw new ValidationException("name", "must not contain control characters");
        }
        return name;
    }

    /** The last segment of a sender's file name (browsers of old sent whole paths). */
    private static String baseName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        return name.strip();
    }

    static List<String> tags(List<String> sent) {
        if (sent == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : sent) {
            if (tag == null || tag.isBlank()) {
                continue;
            }
            String t = tag.trim();
            if (t.length() > MAX_TAG_LENGTH || CONTROL.matcher(t).find()) {
                throw new ValidationException(
                        "tags", "each tag has at most " + MAX_TAG_LENGTH + " characters and no control characters");
            }
            tags.add(t);
        }
        if (tags.size() > MAX_TAGS) {
            throw new ValidationException("tags", "at most " + MAX_TAGS + " tags");
        }
        return new ArrayList<>(tags);
    }

    private static String entityType(String sent, UUID entityId) {
        String type = sent == null || sent.isBlank() ? null : sent.trim().toLowerCase(Locale.ROOT);
        if (type == null && entityId != null) {
            throw new ValidationException("entity_type", "is required with entity_id");
        }
        if (type != null && entityId == null) {
            throw new ValidationException("entity_id", "is required with entity_type");
        }
        if (type != null && !ENTITY_TYPE.matcher(type).matches()) {
            throw new ValidationException("entity_type", "is a lowercase name such as project, product or defect");
        }
        return type;
    }

    private String accessLevel(String sent) {
        if (sent == null || sent.isBlank()) {
            return "INTERNAL";
        }
        String level = sent.trim().toUpperCase(Locale.ROOT);
        if (!level.equals("INTERNAL") && !level.equals("RESTRICTED")) {
            throw new ValidationException("access_level", "is INTERNAL or RESTRICTED");
        }
        if (level.equals("RESTRICTED") && !callers.hold(MANAGE)) {
            throw new ForbiddenException("Storing a RESTRICTED document needs " + MANAGE);
        }
        return level;
    }

    private static String likeText(String q) {
        String trimmed = q.trim();
        if (trimmed.length() > 100) {
            throw new ValidationException("q", "must be at most 100 characters");
        }
        return trimmed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static String textArray(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return literal.append('}').toString();
    }

    private static Document document(ResultSet rs, int n) throws SQLException {
        Array tags = rs.getArray("tags");
        return new Document(
                rs.getObject("id", UUID.class),
                rs.getObject("family_id", UUID.class),
                rs.getInt("version"),
                rs.getBoolean("latest"),
                rs.getString("name"),
                Type.valueOf(rs.getString("type")),
                rs.getLong("size_bytes"),
                rs.getString("mime_type"),
                rs.getString("sha256"),
                rs.getString("storage_key"),
                tags == null ? List.of() : List.of((String[]) tags.getArray()),
                rs.getString("entity_type"),
                rs.getObject("entity_id", UUID.class),
                rs.getString("access_level"),
                rs.getString("status"),
                rs.getObject("uploaded_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("revision"));
    }
}
