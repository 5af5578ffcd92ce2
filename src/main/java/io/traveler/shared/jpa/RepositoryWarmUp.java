package io.traveler.shared.jpa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.Repository;
import org.springframework.stereotype.Component;

/**
 * Spring Data builds a repository on its first use ({@code spring.data.jpa.repositories.bootstrap-mode=lazy}), which
 * takes the parsing of its queries out of the start. Once the application is ready, this builds the ones not used yet
 * on a thread of its own, so that the first users mostly find them built; a request that needs one still being built
 * waits for it, as it would have for its first use.
 */
@Component
class RepositoryWarmUp {
    private static final Logger log = LoggerFactory.getLogger(RepositoryWarmUp.class);

    @EventListener(ApplicationReadyEvent.class)
    void buildRepositoriesInTheBackground(ApplicationReadyEvent ready) {
        ConfigurableApplicationContext context = ready.getApplicationContext();
        Thread.ofPlatform().name("repository-warm-up").daemon().start(() -> {
            long started = System.nanoTime();
            // lazy repositories' factory beans tell their type only once instantiated (allowEagerInit)
            String[] names = context.getBeanNamesForType(Repository.class, false, true);
            for (String name : names) {
                try {
                    context.getBean(name);
                } catch (RuntimeException e) {
                    if (!context.isActive()) {
                        return; // the application is stopping
                    }
                    log.error("Repository {} could not be built", name, e);
                }
            }
            log.info("{} repositories built in {} ms", names.length, (System.nanoTime() - started) / 1_000_000);
        });
    }
}
