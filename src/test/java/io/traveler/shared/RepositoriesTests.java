package io.traveler.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.traveler.testing.ApplicationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.repository.Repository;

/**
 * Spring Data builds each repository on its first use ({@code spring.data.jpa.repositories.bootstrap-mode=lazy}), not
 * during the start, and building one is when its queries are parsed and checked against the entities. So that a
 * query that no longer fits its entity still fails the build rather than its first user, this builds them all.
 */
@ApplicationTest
class RepositoriesTests {
    @Autowired
    ApplicationContext context;

    @Test
    void everyRepositoryAndItsQueriesBuild() {
        Map<String, Repository> repositories = context.getBeansOfType(Repository.class);

        assertThat(repositories).hasSizeGreaterThan(40);
        assertThat(repositories.values()).allSatisfy(repository -> assertThat(repository.toString())
                .as("a built repository, not a proxy waiting for its first call")
                .contains("SimpleJpaRepository"));
    }
}
