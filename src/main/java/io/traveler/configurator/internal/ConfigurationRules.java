package io.traveler.configurator.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ConfigurationRules extends JpaRepository<ConfigurationRule, UUID> {
    /** The rules of the product and of its category (null: none), active or not, lower priority first. */
    @Query("""
            select r from ConfigurationRule r
             where r.productId = :productId or (:categoryId is not null and r.categoryId = :categoryId)
             order by r.priority, r.createdAt, r.id
            """)
    List<ConfigurationRule> applyingTo(UUID productId, UUID categoryId);

    /** The rules of a category, active or not, lower priority first. */
    @Query("select r from ConfigurationRule r where r.categoryId = :categoryId order by r.priority, r.createdAt, r.id")
    List<ConfigurationRule> ofCategory(UUID categoryId);

    long countByProductId(UUID productId);

    long countByCategoryId(UUID categoryId);
}
