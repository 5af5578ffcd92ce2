package io.traveler.accounts.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface Organizations extends JpaRepository<Organization, UUID> {}
