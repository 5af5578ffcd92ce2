package io.traveler.accounts.internal;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ApiKeys extends JpaRepository<ApiKey, UUID> {}
