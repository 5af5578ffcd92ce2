package io.traveler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.modulith.core.ApplicationModuleIdentifier;
import org.springframework.modulith.core.ApplicationModuleIdentifiers;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The module list Spring Modulith reads at start ({@value #LOCATION} on the class path) instead of scanning every
 * class with ArchUnit: module-aware Flyway needs it before anything else can run, and takes its keys as the order in
 * which the modules' migrations run. The build writes it after compiling ({@code process-classes}, see the pom), so it
 * always describes the classes it ships with and is never committed.
 */
public final class ModuleList {
    /** Where Spring Modulith looks for the list (its {@code ApplicationModuleMetadata}). */
    public static final String LOCATION = ApplicationModulesExporter.DEFAULT_LOCATION;

    private ModuleList() {}

    /** Writes the list under the class-output directory given as the only argument ({@code target/classes}). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ModuleList <class output directory>");
        }
        Path file = Path.of(args[0]).resolve(LOCATION);
        Files.createDirectories(file.getParent());
        Files.writeString(file, of(ApplicationModules.of(TravelerApplication.class)));
    }

    /** Spring Modulith's own export of the modules (what its AOT processing writes), keyed in migration order. */
    public static String of(ApplicationModules modules) {
        var json = new ObjectMapper();
        ObjectNode exported = (ObjectNode) json.readTree(new ApplicationModulesExporter(modules).toJson());
        ObjectNode ordered = json.createObjectNode();
        migrationOrder(modules, exported).forEach(module -> ordered.set(module, sorted(exported.get(module))));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(ordered);
    }

    /** The module's dependencies by target, each with its types in order: the same code always writes the same file. */
    private static JsonNode sorted(JsonNode module) {
        ObjectNode copy = ((ObjectNode) module).deepCopy();
        List<JsonNode> dependencies = new ArrayList<>();
        module.path("dependencies").forEach(dependency -> {
            ObjectNode one = ((ObjectNode) dependency).deepCopy();
            List<String> types = new ArrayList<>();
            dependency.path("types").forEach(type -> types.add(type.asString()));
            ArrayNode sortedTypes = one.putArray("types");
            types.stream().sorted().forEach(sortedTypes::add);
            dependencies.add(one);
        });
        if (copy.has("dependencies")) {
            ArrayNode sortedDependencies = copy.putArray("dependencies");
            dependencies.stream()
                    .sorted(Comparator.comparing(
                            dependency -> dependency.path("target").asString()))
                    .forEach(sortedDependencies::add);
        }
        return copy;
    }

    /**
     * Modulith's order of the modules, moved so that each comes after every module it depends on or declares in
     * {@code allowedDependencies}: a module's migrations may reference a declared dependency's tables (foreign keys)
     * before its code uses that module.
     */
    static List<String> migrationOrder(ApplicationModules modules, JsonNode exported) {
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
}
