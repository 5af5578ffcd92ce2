package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.db.PlannerStatistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Parts written as PostgreSQL writes bulk data fastest: the rows are streamed with {@code COPY} into a temporary
 * table of this session, then one {@code INSERT ... ON CONFLICT} moves them into {@code catalog.parts} under the
 * caller's row-level security (the organization comes from {@code app.org_id}, as with every other write). A part
 * number the organization already has is updated, and only when something changed.
 */
@Component
class PartCopies {
    /** A valid row of a parts import. */
    record PartRow(String partNumber, String name, String kind, String unitOfMeasure, BigDecimal unitCost) {}

    private final DataSource dataSource;
    private final PlannerStatistics statistics;

    PartCopies(DataSource dataSource, PlannerStatistics statistics) {
        this.dataSource = dataSource;
        this.statistics = statistics;
    }

    /** In the caller's transaction; each part number at most once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void upsert(List<PartRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.createStatement()) {
            // emptied at every commit, so a pooled session never hands one import's rows to the next
            statement.execute("""
                    create temporary table if not exists imported_parts (
                        id uuid, part_number text, name text, kind text, unit_of_measure text, unit_cost numeric
                    ) on commit delete rows
                    """);
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy imported_parts (id, part_number, name, kind, unit_of_measure, unit_cost)"
                                    + " from stdin (format csv)",
                            new java.io.StringReader(csv(rows)));
            int written = statement.executeUpdate("""
                    insert into catalog.parts (org_id, id, part_number, name, kind, unit_of_measure, unit_cost,
                                               status, created_at, updated_at)
                    select cast(current_setting('app.org_id') as uuid), r.id, r.part_number, r.name, r.kind,
                           r.unit_of_measure, r.unit_cost, 'ACTIVE', now(), now()
                      from imported_parts r
                    on conflict (org_id, part_number) do update
                       set name = excluded.name, kind = excluded.kind, unit_of_measure = excluded.unit_of_measure,
                           unit_cost = excluded.unit_cost, updated_at = excluded.updated_at,
                           version = catalog.parts.version + 1
                     where (catalog.parts.name, catalog.parts.kind, catalog.parts.unit_of_measure,
                            catalog.parts.unit_cost)
                           is distinct from (excluded.name, excluded.kind, excluded.unit_of_measure,
                                             excluded.unit_cost)
                    """);
            statement.execute("truncate imported_parts");
            statistics.grew("catalog.parts", written);
        } catch (SQLException e) {
            throw new SQLExceptionSubclassTranslator().translate("copying parts", null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Every value quoted, quotes doubled: CSV as COPY reads it, whatever the text holds. */
    private static String csv(List<PartRow> rows) {
        var csv = new StringBuilder(rows.size() * 96);
        for (PartRow row : rows) {
            csv.append(Ids.newId()).append(',');
            quoted(csv, row.partNumber()).append(',');
            quoted(csv, row.name()).append(',');
            quoted(csv, row.kind()).append(',');
            quoted(csv, row.unitOfMeasure()).append(',');
            csv.append(row.unitCost().toPlainString()).append('\n');
        }
        return csv.toString();
    }

    private static StringBuilder quoted(StringBuilder csv, String value) {
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            csv.append(c);
            if (c == '"') {
                csv.append('"');
            }
        }
        return csv.append('"');
    }
}
