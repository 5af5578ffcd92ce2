package io.traveler.catalog.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Parts extends JpaRepository<Part, UUID> {}
