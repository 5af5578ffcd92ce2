package io.traveler.accounts.internal;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface Invitations extends JpaRepository<Invitation, UUID> {
    @Query(
            "select i from Invitation i where lower(i.email) = lower(:email) and i.status = io.traveler.accounts.internal.Invitation.Status.PENDING")
    Optional<Invitation> pendingFor(String email);

    List<Invitation> findAllByStatusOrderByCreatedAtDesc(Invitation.Status status);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select i from Invitation i where i.id = :id")
    Optional<Invitation> lockById(UUID id);
}
