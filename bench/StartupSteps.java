import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * Starts Traveler with Spring's buffering application startup, prints where the start spent its time (steps by self
 * time, the slowest beans, the JVM's CPU by thread), then stops it. Run by bench/startup-profile.sh through Spring
 * Boot's PropertiesLauncher, so the application runs from its own jar as with java -jar.
 */
public class StartupSteps {
    public static void main(String[] args) throws Exception {
        var application = new SpringApplication(Class.forName("io.traveler.TravelerApplication"));
        var startup = new BufferingApplicationStartup(500_000);
        application.setApplicationStartup(startup);
        var context = application.run(args);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String threads = threadCpu();
        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        Map<Long, Long> childTime = new HashMap<>();
        for (var e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                childTime.merge(parent, e.getDuration().toNanos(), Long::sum);
            }
        }
        Map<TimelineEvent, Long> self = new HashMap<>();
        for (var e : events) {
            self.put(e, e.getDuration().toNanos() - childTime.getOrDefault(e.getStartupStep().getId(), 0L));
        }
        System.out.printf("%n== ready after %.1f s of JVM uptime; %d startup steps ==%n", uptime / 1e3, events.size());
        System.out.println("\n== top-level steps (ms) ==");
        events.stream()
                .filter(e -> e.getStartupStep().getParentId() == null)
                .forEach(e -> System.out.printf("%8.0f  %s%n", ms(e.getDuration().toNanos()), e.getStartupStep().getName()));
        System.out.println("\n== self time by step name (ms, count) ==");
        Map<String, long[]> byName = new TreeMap<>();
        self.forEach((e, nanos) -> {
            long[] sum = byName.computeIfAbsent(e.getStartupStep().getName(), n -> new long[2]);
            sum[0] += nanos;
            sum[1]++;
        });
        byName.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> en) -> en.getValue()[0]).reversed())
                .limit(15)
                .forEach(en -> System.out.printf("%8.0f %5d  %s%n", ms(en.getValue()[0]), en.getValue()[1], en.getKey()));
        System.out.println("\n== steps by self time, top 40 (self ms, total ms) ==");
        self.entrySet().stream()
                .sorted(Map.Entry.<TimelineEvent, Long>comparingByValue().reversed())
                .limit(40)
                .forEach(en -> System.out.printf("%8.0f %8.0f  %s %s%n", ms(en.getValue()),
                        ms(en.getKey().getDuration().toNanos()), en.getKey().getStartupStep().getName(),
                        tags(en.getKey().getStartupStep())));
        System.out.println("\n== JVM CPU by thread at ready (s) ==");
        System.out.print(threads);
        System.exit(SpringApplication.exit(context));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String tags(StartupStep step) {
        var text = new StringBuilder();
        for (var tag : step.getTags()) {
            String value = tag.getValue();
            text.append(tag.getKey()).append('=').append(value.length() > 90 ? value.substring(0, 90) + "…" : value).append(' ');
        }
        return text.toString();
    }

    /** user + system CPU by thread name (numbers stripped), from /proc (Linux). */
    private static String threadCpu() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return "  (no /proc)\n";
        }
        Map<String, Double> byName = new TreeMap<>();
        double ticks = 100.0;
        try (var list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks, Double::sum);
                } catch (java.io.IOException threadEnded) {
                    // gone meanwhile
                }
            }
        }
        var text = new StringBuilder();
        text.append(String.format("%8.1f  all%n", byName.values().stream().mapToDouble(Double::doubleValue).sum()));
        byName.entrySet().stream()
                .filter(en -> en.getValue() >= 0.1)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(en -> text.append(String.format("%8.1f  %s%n", en.getValue(), en.getKey())));
        return text.toString();
    }
}
