package io.traveler.catalog.internal;

import io.traveler.catalog.Catalog.Material;
import io.traveler.shared.tenancy.TenantContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a bill of materials consumes for a quantity, as stock is reserved and issued for it: the primary part leaves
 * of its explosion (sub-products exploded through their ACTIVE version, substitutes and optional lines left out),
 * each under the stage named by the top-level line it descends from, summed per part and stage.
 */
@Component
class BomMaterials {
    private final BomService boms;
    private final JdbcClient jdbc;

    BomMaterials(BomService boms, JdbcClient jdbc) {
        this.boms = boms;
        this.jdbc = jdbc;
    }

    /** A part at a stage: stage names match trimmed (as lines keep them) and in any case. */
    private record Key(UUID partId, String stageKey) {
        static Key of(UUID partId, String stageName) {
            return new Key(partId, stageName == null ? null : stageName.toLowerCase(Locale.ROOT));
        }
    }

    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    List<Material> of(UUID bomId, BigDecimal quantity) {
        BomService.PreparedExplosion explosion = boms.prepareExplosion(bomId, quantity, false);
        Map<String, String> stageBySegment = new HashMap<>();
        jdbc.sql("""
                        select sequence, stage_name from catalog.bom_lines
                         where org_id = :org and bom_id = :bom and stage_name is not null
                        """)
                .param("org", TenantContext.requireOrgId())
                .param("bom", bomId)
                .query(rs -> {
                    stageBySegment.put(BomGraph.segment(rs.getInt(1)), rs.getString(2));
                });
        Map<Key, BigDecimal> sums = new LinkedHashMap<>();
        Map<Key, String> names = new HashMap<>();
        explosion.lines(line -> {
            if (line.componentType() == Bom.ComponentType.PART && !line.substitute()) {
                String stage = stageBySegment.get(line.path().split("/", 2)[0]);
                Key key = Key.of(line.componentId(), stage);
                names.putIfAbsent(key, stage);
                sums.merge(key, line.extendedQuantity(), BigDecimal::add);
            }
        });
        List<Material> materials = new ArrayList<>(sums.size());
        sums.forEach((key, sum) -> materials.add(new Material(key.partId(), names.get(key), BomGraph.plain(sum))));
        return materials;
    }
}
