package io.traveler.catalog.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Variants extends JpaRepository<Variant, UUID> {
    boolean existsByCode(String code);

    boolean existsByProductId(UUID productId);
}
