package io.traveler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModuleIdentifier;
import org.springframework.modulith.core.ApplicationModuleIdentifiers;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import org.springframework.modulith.docs.Documenter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ModularityTests {
    /**
     * Spring Modulith reads the module list from this file instead of scanning every class with ArchUnit at start
     * (module-aware Flyway needs it before anything else can run).
     */
    private static final Path SHIPPED_MODULE_LIST =
            Path.of("src/main/resources", ApplicationModulesExporter.DEFAULT_LOCATION);

    private final ApplicationModules modules = ApplicationModules.of(TravelerApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theShippedModuleListIsTheCodesModulesInMigrationOrder() throws IOException {
        List<String> current = ApplicationModuleIdentifiers.of(modules).stream()
                .map(ApplicationModuleIdentifier::toString)
                .toList();
        List<String> shipped = shippedModuleIdentifiers();
        if (!current.equals(shipped)) {
            Files.createDirectories(SHIPPED_MODULE_LIST.getParent());
            var json = new ObjectMapper();
            JsonNode exported = json.readTree(new ApplicationModulesExporter(modules).toJson());
            Files.writeString(
                    SHIPPED_MODULE_LIST, json.writerWithDefaultPrettyPrinter().writeValueAsString(exported));
        }
        assertThat(shipped)
                .as("%s was stale and has been rewritten: rebuild and commit it", SHIPPED_MODULE_LIST)
                .isEqualTo(current);
    }

    /** What the runtime reads of the file: its keys, in order (see Spring Modulith's ApplicationModuleMetadata). */
    private static List<String> shippedModuleIdentifiers() throws IOException {
        if (!Files.exists(SHIPPED_MODULE_LIST)) {
            return List.of();
        }
        JsonNode shipped = new ObjectMapper().readTree(SHIPPED_MODULE_LIST.toFile());
        return shipped.propertyNames().stream().toList();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
