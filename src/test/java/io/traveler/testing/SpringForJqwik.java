package io.traveler.testing;

import org.springframework.test.context.TestContextManager;

/**
 * The Spring TestContext framework for properties run by jqwik's own engine, which knows nothing of Spring's JUnit
 * Jupiter extension: the instance is prepared as a Jupiter test instance is, from the same annotations, so a
 * class annotated {@link ApplicationTest} gets the one application context every other such class shares (the
 * context cache is per JVM), with its {@code @Autowired} fields and {@code @LocalServerPort} filled.
 */
public final class SpringForJqwik {
    private SpringForJqwik() {}

    /** Call from a {@code @BeforeProperty} method; jqwik makes one instance per property. */
    public static void inject(Object instance) {
        try {
            new TestContextManager(instance.getClass()).prepareTestInstance(instance);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "no Spring context for " + instance.getClass().getName(), e);
        }
    }
}
