package io.traveler.catalog.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Categories extends JpaRepository<Category, UUID> {}
