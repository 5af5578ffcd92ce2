package io.traveler.configurator.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ProductOptions extends JpaRepository<ProductOption, UUID> {
    @Query("select o from ProductOption o where o.productId = :productId order by o.position, o.code")
    List<ProductOption> ofProduct(UUID productId);

    Optional<ProductOption> findByProductIdAndCode(UUID productId, String code);

    @Query("select distinct o.productId from ProductOption o where o.productId in :productIds")
    List<UUID> productsWithOptions(Collection<UUID> productIds);
}
