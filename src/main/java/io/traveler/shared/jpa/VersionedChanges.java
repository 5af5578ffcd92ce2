package io.traveler.shared.jpa;

import java.util.function.Consumer;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * A change to an aggregate the client read before: the version it read must be current, then the change is
 * applied and flushed, so a concurrent change that slipped past the check fails on the {@code @Version}
 * column inside this transaction rather than at commit.
 */
public final class VersionedChanges {
    private VersionedChanges() {}

    public static <T extends Stamped> T change(
            JpaRepository<T, ?> repository, T aggregate, ExpectedVersion expected, Consumer<? super T> change) {
        expected.require(aggregate.version());
        change.accept(aggregate);
        return repository.saveAndFlush(aggregate);
    }

    public static <T extends Stamped> void delete(
            JpaRepository<T, ?> repository, T aggregate, ExpectedVersion expected) {
        expected.require(aggregate.version());
        repository.delete(aggregate);
        repository.flush();
    }
}
