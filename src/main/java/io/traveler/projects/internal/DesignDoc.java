package io.traveler.projects.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.TenantContext;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A design document of a project: a file key and its metadata, until the documents module stores the files. */
@Entity
@Table(schema = "projects", name = "design_docs")
public class DesignDoc {
    @Id
    private UUID id = Ids.newId();

    @Column(name = "org_id", nullable = false, updatable = false)
    private UUID orgId;

    private UUID projectId;
    private String fileKey;
    private String fileName;
    private String contentType;
    private Long sizeBytes;

    @ColumnTransformer(write = "?::jsonb")
    private String metadata = "{}";

    private UUID createdBy;
    private Instant createdAt;

    protected DesignDoc() {}

    DesignDoc(
            Project project,
            String fileKey,
            String fileName,
            String contentType,
            Long sizeBytes,
            String metadata,
            UUID createdBy,
            Instant createdAt) {
        this.orgId = TenantContext.requireOrgId();
        this.projectId = project.id();
        this.fileKey = fileKey;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.metadata = metadata == null ? "{}" : metadata;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public String fileKey() {
        return fileKey;
    }

    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    public Long sizeBytes() {
        return sizeBytes;
    }

    public String metadata() {
        return metadata;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
