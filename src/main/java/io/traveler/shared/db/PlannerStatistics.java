package io.traveler.shared.db;

import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Brings PostgreSQL's planner statistics of a table up to date right after a change that grew it by much, instead of
 * leaving it to autovacuum (which looks once a minute, and then analyzes only past its own thresholds).
 *
 * <p>Why: a table the planner believes empty or small gets plans made for that size, and a prepared statement keeps
 * its plan. Starting a project of 20,000 units in a new database left every scan's lock reading all units of the
 * organization's projects (the planner, without statistics, took the project's index as the narrower one, and
 * filtered the serials), about 1 ms of PostgreSQL's CPU per scan instead of 0.1, until autovacuum analyzed the
 * table a minute or more later. Bulk loads are the textbook case for an explicit {@code ANALYZE}.
 *
 * <p>The analysis runs after the change commits (it sees the new rows), on one background thread, as the tables'
 * owner (only the owner may analyze), and at most once at a time per table: changes that commit while a table waits
 * for its analysis share it.
 */
@Component
public class PlannerStatistics {
    /** Rows below which a change is left to autovacuum, whatever the table's size. */
    public static final int MIN_ROWS = 1_000;

    private static final Pattern TABLE = Pattern.compile("[a-z_]+\\.[a-z_]+");
    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final JdbcClient owner;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ExecutorService analyzer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("planner-statistics").daemon().factory());

    PlannerStatistics(@Qualifier("ownerDataSource") DataSource ownerDataSource) {
        this.owner = JdbcClient.create(ownerDataSource);
    }

    /**
     * Records that the current transaction adds {@code rows} rows to {@code table} (schema-qualified); once it
     * commits, the table is analyzed if those rows are many beside what the planner believes it holds.
     */
    public void grew(String table, int rows) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a schema-qualified table name: " + table);
        }
        if (rows < MIN_ROWS) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    schedule(table, rows);
                }
            });
        } else {
            schedule(table, rows);
        }
    }

    /** True when {@code rows} new rows are worth an analysis of a table the planner believes holds {@code known}. */
    static boolean worthAnalyzing(int rows, double known) {
        return rows >= MIN_ROWS && (known < 0 || rows > known / 10);
    }

    private void schedule(String table, int rows) {
        if (waiting.add(table)) {
            analyzer.execute(() -> analyze(table, rows));
        }
    }

    private void analyze(String table, int rows) {
        // taken off before the analysis starts, so a change committed during it schedules another
        waiting.remove(table);
        try {
            double known = owner.sql("select reltuples from pg_class where oid = cast(:table as regclass)")
                    .param("table", table)
                    .query(Double.class)
                    .single();
            if (!worthAnalyzing(rows, known)) {
                return;
            }
            long started = System.nanoTime();
            owner.sql("analyze " + table).update();
            log.debug(
                    "Planner statistics of {} refreshed after {} new rows ({} ms)",
                    table,
                    rows,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (DataAccessException failed) {
            log.warn("Planner statistics of {} not refreshed (autovacuum will): {}", table, failed.getMessage());
        }
    }

    @PreDestroy
    void close() {
        analyzer.shutdownNow();
    }
}
