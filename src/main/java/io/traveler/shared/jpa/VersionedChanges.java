package io.traveler.shared.jpa;

import java.util.function.Consumer;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Changes to an aggregate the client read before: the version it read must be current, then the change is
 * applied and flushed, so a concurrent change that slipped past the check fails on the {@code @Version} column
 * inside this transaction rather than at commit.
 */
public final class VersionedChanges {
    private VersionedChanges() {}

    public static <T extends Stamped> T change(
            JpaRepository<T, ?> repository, T aggregate, ExpectedVersion expected, Consumer<? super T> change) {
        expected.require(aggregate.version());
        change.accept(aggregate);
        return repository.saveAndFlush(aggregate);
    }

    /** {@code beforehand} refuses the deletion (a conflict) or removes what goes with the aggregate. */
    public static <T extends Stamped> void delete(
            JpaRepository<T, ?> repository, T aggregate, ExpectedVersion expected, Consumer<? super T> beforehand) {
        expected.require(aggregate.version());
        beforehand.accept(aggregate);
        repository.delete(aggregate);
        repository.flush();
    }

    public static <T extends Stamped> void delete(
            JpaRepository<T, ?> repository, T aggregate, ExpectedVersion expected) {
        delete(repository, aggregate, expected, none -> {});
    }
}
