package io.traveler.catalog.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.traveler.catalog.internal.BomGraph.Component;
import io.traveler.catalog.internal.BomGraph.Edge;
import io.traveler.catalog.internal.BomGraph.Structure;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One {@link BomGraph} per organization, built on first use and replaced when the organization's catalog change
 * stamp moves (the database raises it in the same transaction as any write to parts, products, BOMs or their lines;
 * see migration catalog V4). Each use costs one single-row read of the stamp; a rebuild is two set-based queries.
 */
@org.springframework.stereotype.Component
class BomGraphs {
    private final JdbcClient jdbc;
    private final Cache<UUID, BomGraph> graphs = Caffeine.newBuilder()
            .maximumSize(256)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    BomGraphs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Stamp(long value, boolean writtenHere) {}

    /**
     * The current organization's graph, as of the stamp this transaction sees. A transaction that has itself
     * written to the catalog gets a graph of its own uncommitted state, which is never cached.
     */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    public BomGraph current() {
        UUID org = TenantContext.requireOrgId();
        Stamp stamp = jdbc.sql("""
                        select coalesce((select stamp from catalog.change_stamps where org_id = :org), 0) as value,
                               coalesce(current_setting('traveler.catalog_stamped', true), '') <> '' as written_here
                        """).param("org", org).query(Stamp.class).single();
        if (stamp.writtenHere()) {
            return load(stamp.value());
        }
        BomGraph cached = graphs.getIfPresent(org);
        if (cached != null && cached.stamp() == stamp.value()) {
            return cached;
        }
        BomGraph fresh = load(stamp.value());
        graphs.asMap().merge(org, fresh, (old, mine) -> old.stamp() > mine.stamp() ? old : mine);
        return fresh;
    }

    /** A version that is not ACTIVE (a DRAFT, say), read from the database; empty when there is no such BOM. */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    public Optional<Structure> version(UUID bomId) {
        List<Edge> lines = new ArrayList<>();
        UUID[] product = new UUID[1];
        jdbc.sql("""
                        select b.product_id, l.sequence, l.component_type, l.component_id, l.quantity, l.unit,
                               l.waste_factor, l.optional, l.substitute_group, l.preference,
                               coalesce(p.part_number, pr.sku) as number, coalesce(p.name, pr.name) as name,
                               p.unit_of_measure, p.unit_cost, p.weight
                          from catalog.boms b
                          left join catalog.bom_lines l on l.org_id = b.org_id and l.bom_id = b.id
                          left join catalog.parts p
                                 on l.component_type = 'PART' and p.org_id = l.org_id and p.id = l.component_id
                          left join catalog.products pr
                                 on l.component_type = 'PRODUCT' and pr.org_id = l.org_id and pr.id = l.component_id
                         where b.org_id = :org and b.id = :bom
                         order by l.sequence
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("bom", bomId)
                .query(rs -> {
                    product[0] = rs.getObject("product_id", UUID.class);
                    if (rs.getObject("component_id") != null) {
                        lines.add(edge(rs));
                    }
                });
        if (product[0] == null) {
            return Optional.empty();
        }
        return Optional.of(new Structure(bomId, product[0], List.copyOf(lines)));
    }

    /**
     * The lines of every ACTIVE version, then the parts they name by primary key: joined in one statement, the
     * planner would merge-join against every part of the organization.
     */
    private BomGraph load(long stamp) {
        record Row(UUID bom, UUID product, int sequence, Edge edge) {}
        List<Row> rows = new ArrayList<>();
        jdbc.sql("""
                        select b.id as bom_id, b.product_id, l.sequence, l.component_type, l.component_id,
                               l.quantity, l.unit, l.waste_factor, l.optional, l.substitute_group, l.preference,
                               pr.sku as number, pr.name, null::text as unit_of_measure, null::numeric as unit_cost,
                               null::numeric as weight
                          from catalog.boms b
                          join catalog.bom_lines l on l.org_id = b.org_id and l.bom_id = b.id
                          left join catalog.products pr
                                 on l.component_type = 'PRODUCT' and pr.org_id = l.org_id and pr.id = l.component_id
                         where b.org_id = :org and b.status = 'ACTIVE'
                        """).param("org", TenantContext.requireOrgId()).query(rs -> {
            rows.add(new Row(
                    rs.getObject("bom_id", UUID.class),
                    rs.getObject("product_id", UUID.class),
                    rs.getInt("sequence"),
                    edge(rs)));
        });
        Map<UUID, Component> parts = partsNamed(rows.stream()
                .map(Row::edge)
                .filter(e -> e.type() == Bom.ComponentType.PART)
                .map(Edge::componentId)
                .distinct()
                .toList());
        Map<UUID, List<Row>> byBom = rows.stream().collect(Collectors.groupingBy(Row::bom));
        Map<UUID, Structure> byProduct = new HashMap<>();
        Map<UUID, Structure> byId = new HashMap<>();
        byBom.forEach((bom, lines) -> {
            List<Edge> edges = lines.stream()
                    .sorted(Comparator.comparingInt(Row::sequence))
                    .map(r -> r.edge().type() == Bom.ComponentType.PART
                            ? r.edge().showing(parts.get(r.edge().componentId()))
                            : r.edge())
                    .toList();
            var structure = new Structure(bom, lines.getFirst().product(), edges);
            byProduct.put(structure.productId(), structure);
            byId.put(bom, structure);
        });
        return new BomGraph(stamp, byProduct, byId);
    }

    private Map<UUID, Component> partsNamed(List<UUID> ids) {
        Map<UUID, Component> parts = new HashMap<>();
        if (ids.isEmpty()) {
            return parts;
        }
        jdbc.sql("""
                        select id, part_number, name, unit_of_measure, unit_cost, weight
                          from catalog.parts where org_id = :org and id = any(string_to_array(:ids, ',')::uuid[])
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("ids", ids.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .query(rs -> {
                    parts.put(
                            rs.getObject("id", UUID.class),
                            new Component(
                                    rs.getString("part_number"),
                                    rs.getString("name"),
                                    rs.getString("unit_of_measure"),
                                    rs.getBigDecimal("unit_cost"),
                                    rs.getBigDecimal("weight")));
                });
        return parts;
    }

    /** A line of one of the queries above; a component that no longer exists shows no number, name or cost. */
    private static Edge edge(ResultSet rs) throws SQLException {
        String number = rs.getString("number");
        Component component = number == null
                ? null
                : new Component(
                        number,
                        rs.getString("name"),
                        rs.getString("unit_of_measure"),
                        rs.getBigDecimal("unit_cost"),
                        rs.getBigDecimal("weight"));
        return new Edge(
                BomGraph.segment(rs.getInt("sequence")),
                Bom.ComponentType.valueOf(rs.getString("component_type")),
                rs.getObject("component_id", UUID.class),
                rs.getBigDecimal("quantity"),
                rs.getString("unit"),
                BigDecimal.ONE.add(rs.getBigDecimal("waste_factor")),
                rs.getBoolean("optional"),
                rs.getString("substitute_group"),
                rs.getInt("preference"),
                component);
    }
}
