package io.traveler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModuleIdentifier;
import org.springframework.modulith.core.ApplicationModuleIdentifiers;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import org.springframework.modulith.docs.Documenter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

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
        var json = new ObjectMapper();
        ObjectNode exported = (ObjectNode) json.readTree(new ApplicationModulesExporter(modules).toJson());
        List<String> current = migrationOrder(exported);
        List<String> shipped = shippedModuleIdentifiers();
        if (!current.equals(shipped)) {
            ObjectNode ordered = json.createObjectNode();
            current.forEach(module -> ordered.set(module, exported.get(module)));
            Files.createDirectories(SHIPPED_MODULE_LIST.getParent());
            Files.writeString(
                    SHIPPED_MODULE_LIST, json.writerWithDefaultPrettyPrinter().writeValueAsString(ordered));
        }
        assertThat(shipped)
                .as("%s was stale and has been rewritten: rebuild and commit it", SHIPPED_MODULE_LIST)
                .isEqualTo(current);
    }

    /**
     * Modulith's order of the modules, moved so that each comes after every module it depends on or declares in
     * {@code allowedDependencies}: a module's migrations may reference a declared dependency's tables (foreign keys)
     * before its code uses that module.
     */
    private List<String> migrationOrder(JsonNode exported) {
        List<String> modulithOrder = ApplicationModuleIdentifiers.of(modules).stream()
                .map(ApplicationModuleIdentifier::toString)
                .toList();
        Map<String, Set<String>> before = new LinkedHashMap<>();
        for (String module : modulithOrder) {
            Set<String> required = new LinkedHashSet<>();
            exported.path(module).path("allowedDependencies").forEach(d -> required.add(d.asString()));
            exported.path(module)
                    .path("dependencies")
                    .forEach(d -> required.add(d.path("target").asString()));
            required.retainAll(modulithOrder);
            required.remove(module);
            before.put(module, required);
        }
        List<String> order = new ArrayList<>();
        while (order.size() < modulithOrder.size()) {
            String next = modulithOrder.stream()
                    .filter(module -> !order.contains(module) && order.containsAll(before.get(module)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("modules depend on each other in a cycle"));
            order.add(next);
        }
        return order;
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
