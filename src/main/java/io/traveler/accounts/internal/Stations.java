package io.traveler.accounts.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Stations extends JpaRepository<Station, UUID> {}
