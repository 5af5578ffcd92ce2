package io.traveler.shared;

import com.github.f4b6a3.uuid.UuidCreator;
import java.util.UUID;

/** Application-generated primary keys: time-ordered UUIDv7, so B-tree inserts stay local. */
public final class Ids {
    private Ids() {}

    public static UUID newId() {
        return UuidCreator.getTimeOrderedEpoch();
    }
}
