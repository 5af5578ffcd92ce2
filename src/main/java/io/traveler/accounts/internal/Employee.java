package io.traveler.accounts.internal;

import io.traveler.shared.jpa.TenantOwned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who works in the organization, with or without a login. */
@Entity
@Table(schema = "accounts", name = "employees")
public class Employee extends TenantOwned {
    public enum Status {
        ACTIVE,
        INACTIVE
    }

    private String name;
    private String email;
    private String phone;
    private UUID userId;
    private BigDecimal hourlyRate;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    private String[] skills = new String[0];

    @Enumerated(EnumType.STRING)
    private Status status = Status.ACTIVE;

    protected Employee() {}

    public Employee(String name) {
        rename(name);
    }

    public void rename(String name) {
        this.name = name.trim();
    }

    public void contactAt(String email, String phone) {
        this.email = email;
        this.phone = phone;
    }

    public void linkUser(UUID userId) {
        this.userId = userId;
    }

    public void payAt(BigDecimal hourlyRate) {
        this.hourlyRate = hourlyRate;
    }

    public void setSkills(List<String> skills) {
        this.skills = skills.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toArray(String[]::new);
    }

    public void changeStatus(Status status) {
        this.status = status;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public UUID userId() {
        return userId;
    }

    public BigDecimal hourlyRate() {
        return hourlyRate;
    }

    public List<String> skills() {
        return List.of(skills);
    }

    public Status status() {
        return status;
    }
}
