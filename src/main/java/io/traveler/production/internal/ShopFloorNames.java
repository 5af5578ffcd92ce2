package io.traveler.production.internal;

import io.traveler.accounts.Accounts;
import io.traveler.projects.ProjectStages;
import io.traveler.settings.OrganizationSettings;
import io.traveler.shared.ActorNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The words the shop floor's pages show for ids: projects' codes and their stages' names (from the projects
 * module's {@link ProjectStages}, each project asked once per page), stations, employees and people, and times in
 * the organization's time zone. One {@link Lookup} per page.
 */
@Component
public class ShopFloorNames {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ProjectStages projects;
    private final Accounts accounts;
    private final ActorNames actors;
    private final OrganizationSettings settings;

    ShopFloorNames(ProjectStages projects, Accounts accounts, ActorNames actors, OrganizationSettings settings) {
        this.projects = projects;
        this.accounts = accounts;
        this.actors = actors;
        this.settings = settings;
    }

    public Lookup lookup() {
        return new Lookup();
    }

    /** The names one page needs, each id looked up once. */
    public final class Lookup {
        private final Map<UUID, Optional<ProjectStages.Job>> jobs = new HashMap<>();
        private final Map<UUID, String> stations = new HashMap<>();
        private final Map<UUID, String> employees = new HashMap<>();
        private final Map<UUID, String> people = new HashMap<>();
        private ZoneId zone;

        public Optional<ProjectStages.Job> job(UUID projectId) {
            return projectId == null ? Optional.empty() : jobs.computeIfAbsent(projectId, projects::job);
        }

        public String projectCode(UUID projectId) {
            return job(projectId)
                    .map(ProjectStages.Job::code)
                    .orElse(projectId == null ? null : "Project " + shortId(projectId));
        }

        public Optional<ProjectStages.Stage> stage(UUID projectId, UUID stageInstanceId) {
            return job(projectId).flatMap(j -> j.stages().stream()
                    .filter(s -> s.stageInstanceId().equals(stageInstanceId))
                    .findFirst());
        }

        public String stageName(UUID projectId, UUID stageInstanceId) {
            if (stageInstanceId == null) {
                return null;
            }
            return stage(projectId, stageInstanceId)
                    .map(ProjectStages.Stage::name)
                    .orElse("Stage " + shortId(stageInstanceId));
        }

        /** Reads the names of these stations at once; then {@link #station} answers from memory. */
        public void stations(Collection<UUID> ids) {
            var wanted = ids.stream()
                    .filter(Objects::nonNull)
                    .filter(id -> !stations.containsKey(id))
                    .collect(Collectors.toSet());
            if (!wanted.isEmpty()) {
                accounts.stations(wanted).forEach((id, s) -> stations.put(id, s.name()));
            }
        }

        public String station(UUID stationId) {
            if (stationId == null) {
                return null;
            }
            if (!stations.containsKey(stationId)) {
                stations.put(
                        stationId,
                        accounts.station(stationId)
                                .map(Accounts.StationRef::name)
                                .orElse("Station " + shortId(stationId)));
            }
            return stations.get(stationId);
        }

        public void employees(Collection<UUID> ids) {
            var wanted = ids.stream()
                    .filter(Objects::nonNull)
                    .filter(id -> !employees.containsKey(id))
                    .collect(Collectors.toSet());
            if (!wanted.isEmpty()) {
                accounts.employees(wanted).forEach((id, e) -> employees.put(id, e.name()));
            }
        }

        public String employee(UUID employeeId) {
            if (employeeId == null) {
                return null;
            }
            employees(List.of(employeeId));
            return employees.getOrDefault(employeeId, "Employee " + shortId(employeeId));
        }

        public void people(Collection<UUID> ids) {
            var wanted = ids.stream()
                    .filter(Objects::nonNull)
                    .filter(id -> !people.containsKey(id))
                    .collect(Collectors.toSet());
            if (!wanted.isEmpty()) {
                people.putAll(actors.namesOf(wanted));
                wanted.forEach(id -> people.putIfAbsent(id, "Someone"));
            }
        }

        public String person(UUID actorId) {
            if (actorId == null) {
                return null;
            }
            people(List.of(actorId));
            return people.get(actorId);
        }

        public String when(Instant at) {
            return at == null ? null : WHEN.format(at.atZone(zone()));
        }

        public ZoneId zone() {
            if (zone == null) {
                try {
                    zone = ZoneId.of(settings.current().timezone());
                } catch (RuntimeException unknown) {
                    zone = ZoneId.of("UTC");
                }
            }
            return zone;
        }
    }

    /** "3 d 4 h", "2 h 5 min", "12 min", "40 s". */
    public static String span(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min" : seconds + " s";
    }

    public static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
