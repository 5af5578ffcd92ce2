package io.traveler.catalog.internal;

import io.traveler.shared.Ids;
import io.traveler.shared.jobs.JobContext;
import io.traveler.shared.jobs.RowError;
import io.traveler.shared.tenancy.TenantContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The import of categories ({@code code,name,parent_code}). */
@Component
class CategoryImport extends ImportHandler {

    CategoryImport(Imports imports) {
        super(ImportService.Kind.CATEGORIES, imports);
    }

    @Override
    void importFile(JobContext job, ImportReader input) {
        importCategories(job, readAll(job, input));
    }

    private record CategoryRow(int row, String code, String name, String parentCode) {}

    private record Existing(UUID id, String parentCode) {}

    /**
     * Parents may come later in the file than their children. Rows are checked in full first: a parent must be a
     * category of the organization or a valid row of the file, and no row may make a category its own ancestor
     * (rows on a loop fail, and with them rows that only had such a parent). The rest is written parents first.
     */
    private void importCategories(JobContext job, List<ImportRow> rows) {
        Map<String, CategoryRow> byCode = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            var row = new RowCheck(i + 1, rows.get(i), job.errors());
            String code = row.text("code", 50);
            if (code != null && !code.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,49}")) {
                row.reject("code", "may hold letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
            String name = row.text("name", 200);
            String parent = row.optionalText("parent_code", 50);
            if (parent != null && parent.equals(code)) {
                row.reject("parent_code", "is the category itself");
            }
            if (row.valid()) {
                byCode.put(code, new CategoryRow(i + 1, code, name, parent));
            }
        }
        Map<String, Existing> existing = existingCategories();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (CategoryRow row : List.copyOf(byCode.values())) {
                String parent = row.parentCode();
                if (parent != null && !byCode.containsKey(parent) && !existing.containsKey(parent)) {
                    fail(job, byCode, row, "is not the code of a category of this organization or of a valid row");
                    changed = true;
                } else if (onLoop(row.code(), byCode, existing)) {
                    fail(job, byCode, row, "would make the category its own ancestor");
                    changed = true;
                }
            }
        }
        List<CategoryRow> ordered = byCode.values().stream()
                .sorted((a, b) -> Integer.compare(depth(a.code(), byCode, existing), depth(b.code(), byCode, existing)))
                .toList();
        Map<String, UUID> ids = new LinkedHashMap<>();
        existing.forEach((code, e) -> ids.put(code, e.id()));
        ordered.forEach(r -> ids.computeIfAbsent(r.code(), c -> Ids.newId()));
        int written = ordered.size();
        job.progress(rows.size() - written);
        for (int start = 0; start < written; start += BATCH_SIZE) {
            List<CategoryRow> batch = ordered.subList(start, Math.min(written, start + BATCH_SIZE));
            job.batch(batch.size(), () -> upsertCategories(batch, ids));
        }
    }

    private static void fail(JobContext job, Map<String, CategoryRow> byCode, CategoryRow row, String message) {
        byCode.remove(row.code());
        job.errors().add(new RowError(row.row(), "parent_code", message), true);
    }

    private static String parentOf(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        CategoryRow row = byCode.get(code);
        if (row != null) {
            return row.parentCode();
        }
        Existing stored = existing.get(code);
        return stored == null ? null : stored.parentCode();
    }

    /** Whether walking up from the category's parent, as the file would leave the tree, comes back to it. */
    private static boolean onLoop(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        var seen = new HashSet<String>();
        for (String at = parentOf(code, byCode, existing); at != null; at = parentOf(at, byCode, existing)) {
            if (at.equals(code)) {
                return true;
            }
            if (!seen.add(at)) {
                return false;
            }
        }
        return false;
    }

    private static int depth(String code, Map<String, CategoryRow> byCode, Map<String, Existing> existing) {
        int depth = 0;
        for (String at = parentOf(code, byCode, existing);
                at != null && depth <= byCode.size() + existing.size();
                at = parentOf(at, byCode, existing)) {
            depth++;
        }
        return depth;
    }

    private Map<String, Existing> existingCategories() {
        Map<String, Existing> existing = new LinkedHashMap<>();
        transactions.executeWithoutResult(
                s -> jdbc.sql("""
                        select c.code, c.id, p.code as parent_code
                          from catalog.categories c
                          left join catalog.categories p on p.org_id = c.org_id and p.id = c.parent_id
                         where c.org_id = :org
                        """).param("org", TenantContext.requireOrgId()).query(rs -> {
                    existing.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3)));
                }));
        return existing;
    }

    /** A known code is updated (name and parent), a new one inserted; parents come in this or an earlier batch. */
    private void upsertCategories(List<CategoryRow> rows, Map<String, UUID> ids) {
        jdbc.sql("""
                        insert into catalog.categories (org_id, id, code, name, parent_id, created_at, updated_at)
                        select cast(current_setting('app.org_id') as uuid), r.id, r.code, r.name, r.parent_id,
                               now(), now()
                          from unnest(cast(:ids as uuid[]), :codes, :names, cast(:parents as uuid[]))
                               as r(id, code, name, parent_id)
                        on conflict (org_id, code) do update
                           set name = excluded.name, parent_id = excluded.parent_id, updated_at = excluded.updated_at,
                               version = catalog.categories.version + 1
                         where (catalog.categories.name, catalog.categories.parent_id)
                               is distinct from (excluded.name, excluded.parent_id)
                        """)
                .param("ids", textArray(rows.stream().map(r -> ids.get(r.code()).toString())))
                .param("codes", textArray(rows.stream().map(CategoryRow::code)))
                .param("names", textArray(rows.stream().map(CategoryRow::name)))
                .param(
                        "parents",
                        textArray(rows.stream()
                                .map(r -> r.parentCode() == null
                                        ? null
                                        : ids.get(r.parentCode()).toString())))
                .update();
    }
}
