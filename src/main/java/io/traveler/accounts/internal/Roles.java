package io.traveler.accounts.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface Roles extends JpaRepository<Role, UUID> {
    @Query("select r from Role r where r.builtIn = :role")
    Optional<Role> builtIn(BuiltInRole role);

    List<Role> findAllByOrderByName();
}
