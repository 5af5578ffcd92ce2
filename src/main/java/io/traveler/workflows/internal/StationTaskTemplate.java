package io.traveler.workflows.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A task a station always does when one of its stages becomes active: what, in which order, how long, checked how. */
@Entity
@Table(schema = "workflows", name = "station_task_templates")
public class StationTaskTemplate extends TenantOwned {
    @Column(nullable = false, updatable = false)
    private UUID stationId;

    private String title;
    private String description;
    private int sequence;
    private Integer estimateMinutes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] checklistItems = new String[0];

    private boolean required = true;

    protected StationTaskTemplate() {}

    StationTaskTemplate(UUID stationId) {
        this.stationId = stationId;
    }

    void retitle(String title) {
        this.title = title.trim();
    }

    void describe(String description) {
        this.description = description == null || description.isBlank() ? null : description.strip();
    }

    void order(int sequence) {
        this.sequence = sequence;
    }

    void estimate(Integer minutes) {
        this.estimateMinutes = minutes;
    }

    void checklist(List<String> items) {
        this.checklistItems = items.toArray(String[]::new);
    }

    void require(boolean required) {
        this.required = required;
    }

    public UUID stationId() {
        return stationId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public int sequence() {
        return sequence;
    }

    public Integer estimateMinutes() {
        return estimateMinutes;
    }

    public List<String> checklistItems() {
        return List.of(checklistItems);
    }

    public boolean required() {
        return required;
    }
}
