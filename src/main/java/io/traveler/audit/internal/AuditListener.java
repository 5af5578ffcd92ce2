package io.traveler.audit.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.tenancy.Tenant;
import io.traveler.shared.tenancy.TenantContext;
import io.traveler.shared.web.RequestIds;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;
import org.hibernate.jpa.boot.spi.JpaSettings;
import org.hibernate.persister.entity.EntityPersister;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hooks into Hibernate after each insert, update and delete and writes the audit row on the same connection,
 * so the change and its record commit or roll back together. Fields whose names mention a hash or a secret
 * are recorded as changed, never with their values.
 *
 * <p>Hibernate registers it itself while it builds the session factory ({@link Integrator}, handed over by
 * {@link #customize}), so every session ever opened has it. Asking the factory for its listener registry instead
 * would make this bean wait for Hibernate, which boots on its own thread ({@code spring.jpa.bootstrap=async}), and
 * stall the rest of the start behind it.
 */
@Component
class AuditListener
        implements PostInsertEventListener,
                PostUpdateEventListener,
                PostDeleteEventListener,
                Integrator,
                HibernatePropertiesCustomizer {
    private static final String INSERT = """
            insert into audit.audit_events (org_id, id, actor_id, actor_kind, entity_type, entity_id, action, changes, request_id, at)
            values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            """;

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void customize(Map<String, Object> hibernateProperties) {
        hibernateProperties.put(JpaSettings.INTEGRATOR_PROVIDER, (IntegratorProvider) () -> List.of(this));
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrap, SessionFactoryImplementor sessionFactory) {
        var registry = sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_INSERT, this);
        registry.appendListeners(EventType.POST_UPDATE, this);
        registry.appendListeners(EventType.POST_DELETE, this);
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String[] names = event.getPersister().getPropertyNames();
        for (int i = 0; i < names.length; i++) {
            if (event.getState()[i] != null) {
                changes.put(names[i], Map.of("after", value(names[i], event.getState()[i])));
            }
        }
        write(event.getSession(), event.getPersister(), event.getId(), event.getEntity(), "CREATE", changes);
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String[] names = event.getPersister().getPropertyNames();
        Object[] before = event.getOldState();
        Object[] after = event.getState();
        for (int i = 0; i < names.length; i++) {
            Object old = before == null ? null : before[i];
            if (!Objects.deepEquals(old, after[i]) && !"updatedAt".equals(names[i]) && !"version".equals(names[i])) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("before", value(names[i], old));
                change.put("after", value(names[i], after[i]));
                changes.put(names[i], change);
            }
        }
        if (!changes.isEmpty()) {
            write(event.getSession(), event.getPersister(), event.getId(), event.getEntity(), "UPDATE", changes);
        }
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        Map<String, Object> changes = new LinkedHashMap<>();
        String[] names = event.getPersister().getPropertyNames();
        Object[] state = event.getDeletedState();
        for (int i = 0; state != null && i < names.length; i++) {
            if (state[i] != null) {
                changes.put(names[i], Map.of("before", value(names[i], state[i])));
            }
        }
        write(event.getSession(), event.getPersister(), event.getId(), event.getEntity(), "DELETE", changes);
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return false;
    }

    private Object value(String property, Object value) {
        if (value == null) {
            return null;
        }
        String lower = property.toLowerCase(Locale.ROOT);
        if (lower.contains("hash") || lower.contains("secret") || lower.contains("password")) {
            return "(changed)";
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).sorted().toList();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    private void write(
            SharedSessionContractImplementor session,
            EntityPersister persister,
            Object id,
            Object entity,
            String action,
            Map<String, Object> changes) {
        if (!(id instanceof UUID entityId)) {
            return;
        }
        Tenant tenant = TenantContext.current();
        UUID orgId = organizationOf(persister, entity, entityId, tenant);
        String payload = json.writeValueAsString(snakeKeys(changes));
        String entityType = persister
                .getEntityMappingType()
                .getMappedJavaType()
                .getJavaTypeClass()
                .getSimpleName();
        session.getJdbcCoordinator().getLogicalConnection();
        try (PreparedStatement statement = session.getJdbcCoordinator()
                .getLogicalConnection()
                .getPhysicalConnection()
                .prepareStatement(INSERT)) {
            statement.setObject(1, orgId);
            statement.setObject(2, Ids.newId());
            statement.setObject(3, tenant.actorId());
            statement.setString(4, tenant.actorKind().name());
            statement.setString(5, entityType);
            statement.setObject(6, entityId);
            statement.setString(7, action);
            statement.setString(8, payload);
            statement.setString(9, RequestIds.current().orElse(null));
            statement.setTimestamp(10, Timestamp.from(Instant.now()));
            statement.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write the audit record", e);
        }
    }

    /** The entity's own organization when it has one, else the acting organization. */
    private static UUID organizationOf(EntityPersister persister, Object entity, UUID entityId, Tenant tenant) {
        if (entity instanceof io.traveler.shared.jpa.TenantOwned owned && owned.orgId() != null) {
            return owned.orgId();
        }
        return tenant.orgId();
    }

    private static Map<String, Object> snakeKeys(Map<String, Object> changes) {
        Map<String, Object> result = new LinkedHashMap<>();
        changes.forEach((k, v) -> result.put(io.traveler.shared.web.FieldNames.snake(k), v));
        return result;
    }
}
