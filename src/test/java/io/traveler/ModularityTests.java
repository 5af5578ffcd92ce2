package io.traveler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ModularityTests {
    /** Read once for the class: importing every class with ArchUnit takes seconds, and JUnit makes an instance per test. */
    private static final ApplicationModules modules = ApplicationModules.of(TravelerApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /**
     * The build writes the module list after compiling (pom: {@code module-list}); the runtime reads it instead of
     * scanning. A list that differs from the code's modules would run migrations in a stale order.
     */
    @Test
    void theModuleListTheBuildWroteIsTheCodesModulesInMigrationOrder() throws IOException {
        var json = new ObjectMapper();
        JsonNode current = json.readTree(ModuleList.of(modules));
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream(ModuleList.LOCATION)) {
            assertThat(shipped)
                    .as("%s on the class path: the build (process-classes) writes it", ModuleList.LOCATION)
                    .isNotNull();
            JsonNode read = json.readTree(shipped);
            assertThat(read.propertyNames()).containsExactlyElementsOf(current.propertyNames());
            assertThat(read).isEqualTo(current);
        }
    }

    @Test
    void everyModuleComesAfterTheModulesItDependsOnOrMayUse() {
        JsonNode list = new ObjectMapper().readTree(ModuleList.of(modules));
        List<String> order = List.copyOf(list.propertyNames());
        for (String module : order) {
            List<String> before = order.subList(0, order.indexOf(module));
            list.path(module).path("allowedDependencies").forEach(d -> assertThat(before)
                    .as("%s after %s", module, d.asString())
                    .contains(d.asString()));
            list.path(module).path("dependencies").forEach(d -> assertThat(before)
                    .as("%s after %s", module, d.path("target").asString())
                    .contains(d.path("target").asString()));
        }
        assertThat(order).startsWith("shared");
    }

    /**
     * Writes the modules' PlantUML diagrams and canvases to {@code target/modulith-docs} for people to read; it checks
     * nothing, so the build runs it only when asked: {@code mvn test -Dtest=ModularityTests -Dtraveler.module-docs=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "traveler.module-docs", matches = "true")
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
