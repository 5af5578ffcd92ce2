package io.traveler.accounts.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.traveler.shared.security.PrincipalChanges;
import io.traveler.shared.security.PrincipalChanges.Change;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The callers of recent requests, so that a request does not rebuild its caller from the database. A cached caller is
 * dropped as soon as a change that reaches it commits ({@link PrincipalChanges}: on this node directly, from other
 * nodes and from the database itself through {@code LISTEN}), and after {@code traveler.security.principal-cache-ttl}
 * at most. While the listener is not connected nothing is cached, since changes could go unheard; when it (re)connects
 * the cache starts empty.
 */
@Component
public class PrincipalCache implements PrincipalChanges.Listener {
    /** A caller as loaded, usable until a change reaches it. */
    interface Cached {
        boolean reachedBy(Change change);
    }

    private final Cache<Object, Cached> callers;
    /** Moves with every change heard, so that a load racing a change is not kept. */
    private final AtomicLong changes = new AtomicLong();

    private volatile boolean listening;

    PrincipalCache(SecurityProperties properties) {
        this.callers = Caffeine.newBuilder()
                .expireAfterWrite(properties.principalCacheTtl())
                .maximumSize(properties.principalCacheSize())
                .build();
    }

    /** The cached caller of {@code key}, else the one {@code load} finds, kept if no change was heard meanwhile. */
    @SuppressWarnings("unchecked")
    <V extends Cached> Optional<V> get(Object key, Supplier<Optional<V>> load) {
        if (listening) {
            Cached hit = callers.getIfPresent(key);
            if (hit != null) {
                return Optional.of((V) hit);
            }
        }
        long before = changes.get();
        Optional<V> loaded = load.get();
        if (loaded.isPresent() && listening) {
            callers.put(key, loaded.get());
            if (changes.get() != before) {
                // a change committed while this one loaded: what was read may predate it
                callers.invalidate(key);
            }
        }
        return loaded;
    }

    @Override
    public void changed(Change change) {
        changes.incrementAndGet();
        callers.asMap().values().removeIf(caller -> caller.reachedBy(change));
    }

    /** Called by the listener: changes are heard from now on, or (false) may go unheard. */
    void listening(boolean listening) {
        this.listening = listening;
        changes.incrementAndGet();
        callers.invalidateAll();
    }

    boolean isListening() {
        return listening;
    }

    long size() {
        callers.cleanUp();
        return callers.estimatedSize();
    }
}
