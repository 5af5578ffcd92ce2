package io.traveler;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

@SpringBootApplication
public class TravelerApplication {
    public static void main(String[] args) {
        SpringApplication.run(TravelerApplication.class, args);
    }

    /**
     * Starting allocates far more than the running application keeps (configuration parsing, Hibernate's boot model,
     * Flyway's scans), and the JVM keeps the heap it grew for that. One full collection once the application is
     * ready, with the heap allowed to shrink to little more than what is live, hands that memory back to the
     * operating system; the heap grows again as the load needs it, under the usual ratios restored afterwards.
     */
    @EventListener(ApplicationReadyEvent.class)
    void returnStartUpMemory() {
        HotSpotDiagnosticMXBean vm;
        String minFree;
        String maxFree;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            minFree = vm.getVMOption("MinHeapFreeRatio").getValue();
            maxFree = vm.getVMOption("MaxHeapFreeRatio").getValue();
        } catch (RuntimeException notHotSpot) {
            return;
        }
        try {
            vm.setVMOption("MinHeapFreeRatio", "10");
            vm.setVMOption("MaxHeapFreeRatio", "20");
            System.gc();
        } catch (IllegalArgumentException heapRatiosFixedByTheOperator) {
            // -XX:MinHeapFreeRatio/MaxHeapFreeRatio given on the command line outside what we set: leave the heap as is
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", maxFree);
            vm.setVMOption("MinHeapFreeRatio", minFree);
        }
    }
}
