package io.traveler.catalog.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** Something bought or made that goes into products: a component, a material, a consumable. */
@Entity
@Table(schema = "catalog", name = "parts")
public class Part extends TenantOwned {
    public enum Kind {
        COMPONENT,
        MATERIAL,
        CONSUMABLE,
        HARDWARE,
        ELECTRONIC
    }

    public enum Status {
        ACTIVE,
        INACTIVE,
        DISCONTINUED
    }

    private String partNumber;
    private String name;
    private String description;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String unitOfMeasure;
    private BigDecimal unitCost = BigDecimal.ZERO;
    private BigDecimal weight;

    @ColumnTransformer(write = "?::jsonb")
    private String dimensions;

    @ColumnTransformer(write = "?::jsonb")
    private String specifications;

    private Integer leadTimeDays;
    private BigDecimal minimumOrderQuantity;
    private boolean custom;

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    private UUID categoryId;

    protected Part() {}

    public Part(String partNumber, String name, Kind kind, String unitOfMeasure) {
        this(io.traveler.shared.Ids.newId(), partNumber, name, kind, unitOfMeasure);
    }

    /** A part whose id was chosen beforehand (a custom part, whose claim names it before it exists). */
    public Part(UUID id, String partNumber, String name, Kind kind, String unitOfMeasure) {
        super(id);
        renumber(partNumber);
        rename(name);
        classify(kind);
        measureIn(unitOfMeasure);
    }

    public void renumber(String partNumber) {
        this.partNumber = partNumber.trim();
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void describe(String description) {
        this.description = description;
    }

    public void classify(Kind kind) {
        this.kind = kind;
    }

    public void measureIn(String unitOfMeasure) {
        this.unitOfMeasure = unitOfMeasure.trim();
    }

    public void costs(BigDecimal unitCost) {
        this.unitCost = unitCost;
    }

    public void weighs(BigDecimal weight) {
        this.weight = weight;
    }

    /** Dimensions and specifications are JSON objects, kept as their text. */
    public void measures(String dimensions) {
        this.dimensions = dimensions;
    }

    public void specify(String specifications) {
        this.specifications = specifications;
    }

    /** Lead time and minimum order quantity; null for none. */
    public void procuredIn(Integer leadTimeDays, BigDecimal minimumOrderQuantity) {
        this.leadTimeDays = leadTimeDays;
        this.minimumOrderQuantity = minimumOrderQuantity;
    }

    public void madeToOrder(boolean custom) {
        this.custom = custom;
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public void fileUnder(UUID categoryId) {
        this.categoryId = categoryId;
    }

    public String partNumber() {
        return partNumber;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public String unitOfMeasure() {
        return unitOfMeasure;
    }

    public BigDecimal unitCost() {
        return unitCost;
    }

    public BigDecimal weight() {
        return weight;
    }

    public String dimensions() {
        return dimensions;
    }

    public String specifications() {
        return specifications;
    }

    public Integer leadTimeDays() {
        return leadTimeDays;
    }

    public BigDecimal minimumOrderQuantity() {
        return minimumOrderQuantity;
    }

    public boolean custom() {
        return custom;
    }

    public Status status() {
        return status;
    }

    public UUID categoryId() {
        return categoryId;
    }
}
