package org.undersigned;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every table belongs to one module, and only that module's code names it in SQL: another module
 * asks the owner's public methods. The table list comes from the migrations, so a new table without
 * an owner fails here; the SQL is read from the main sources' string literals and text blocks.
 */
class TableOwnershipTest {

    /** The owner of each table: the package (under org.undersigned) whose classes may name it in SQL. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("letters", "letter"), Map.entry("letter_versions", "letter"), Map.entry("letter_translations", "letter"),
            Map.entry("addressees", "letter"),
            Map.entry("partners", "partner"), Map.entry("partner_keys", "partner"), Map.entry("partner_letters", "partner"),
            Map.entry("webhooks", "webhook"), Map.entry("webhook_deliveries", "webhook"), Map.entry("webhook_attempts", "webhook"),
            Map.entry("ledger_entries", "ledger"), Map.entry("ledger_heads", "ledger"),
            Map.entry("mail_outbox", "mail"),
            Map.entry("blocklist_entries", "blocklist"),
            Map.entry("signatures", "signature"), Map.entry("letter_counts", "signature"), Map.entry("letter_country_counts", "signature"),
            Map.entry("letter_language_counts", "signature"), Map.entry("letter_count_history", "signature"),
            Map.entry("letter_milestones", "signature"), Map.entry("invalidations", "signature"), Map.entry("signals_raised", "signature"),
            Map.entry("challenge_solutions", "signature"), Map.entry("portal_links", "signature"), Map.entry("portal_sessions", "signature"),
            Map.entry("reminder_requests", "signature"),
            Map.entry("deliveries", "delivery"), Map.entry("responses", "delivery"), Map.entry("response_mailings", "delivery"),
            Map.entry("accounts", "organiser"), Map.entry("account_identities", "organiser"), Map.entry("account_links", "organiser"),
            Map.entry("account_sessions", "organiser"), Map.entry("organisations", "organiser"), Map.entry("memberships", "organiser"),
            Map.entry("invitations", "organiser"), Map.entry("organisation_keys", "organiser"), Map.entry("letter_grants", "organiser"),
            Map.entry("join_requests", "organiser"), Map.entry("audit_entries", "audit"),
            Map.entry("idempotency_keys", "common"), Map.entry("rate_limit_windows", "common"), Map.entry("server_secrets", "common"));

    private static final Path MAIN = Path.of("src/main/java/org/undersigned");
    private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** A table where a statement names one: after from, join, into, update, table; or in a from list, after a comma, with an alias. */
    private static final Pattern TABLE = Pattern.compile(
            "\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b|,\\s*([a-z_]+)\\s+[a-z]{1,2}\\b(?!\\s*[,.(])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL = Pattern.compile("^\\s*(select|insert|update|delete|with|lock|truncate)\\b|\\bfrom\\b.*\\bwhere\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("create table (?:if not exists )?([a-z_]+)", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                Matcher m = create.matcher(Files.readString(migration));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            }
        }
        assertEquals(created, new TreeSet<>(OWNERS.keySet()), "every table the migrations create has one owner here");
    }

    @Test
    void onlyItsOwnerNamesATableInSql() throws IOException {
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String module = MAIN.relativize(file).getName(0).toString();
                for (String sql : literals(Files.readString(file))) {
                    if (!SQL.matcher(sql).find()) {
                        continue; // a message, a name: not a statement
                    }
                    Matcher m = TABLE.matcher(sql);
                    while (m.find()) {
                        String table = (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase();
                        String owner = OWNERS.get(table);
                        if (owner != null && !owner.equals(module)) {
                            trespasses.add(MAIN.relativize(file) + " names " + table + " (" + owner + "'s)");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), trespasses.stream().distinct().sorted().collect(Collectors.toList()));
    }

    /** The string literals and text blocks of a source file (literals joined by {@code +} as one), comments left out. */
    static List<String> literals(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "")
                .replaceAll("\"\\s*\\+\\s*\"", "");
        List<String> literals = new ArrayList<>();
        Matcher blocks = TEXT_BLOCK.matcher(code);
        StringBuilder rest = new StringBuilder();
        while (blocks.find()) {
            literals.add(blocks.group(1));
            blocks.appendReplacement(rest, "");
        }
        blocks.appendTail(rest);
        Matcher strings = STRING.matcher(rest);
        while (strings.find()) {
            literals.add(strings.group(1));
        }
        return literals;
    }
}
