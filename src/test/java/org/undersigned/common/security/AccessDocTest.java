package org.undersigned.common.security;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/access.md says what {@link Permission} holds: a row per permission, a column per caller and per role on a letter. */
class AccessDocTest {

    private static final List<Role> CALLERS = List.of(Role.ADMIN, Role.PARTNER, Role.SIGNER, Role.MEMBER, Role.ORGANISATION);

    @Test
    void theTableInTheDocsIsThePermissionTable() throws Exception {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/access.md"))) {
            if (line.startsWith("| `")) {
                documented.add(line.strip());
            }
        }
        List<String> expected = Arrays.stream(Permission.values()).map(AccessDocTest::row).toList();
        assertEquals(expected, documented);
    }

    private static String row(Permission permission) {
        List<String> cells = new ArrayList<>();
        cells.add("`" + permission.name() + "`");
        for (Role caller : CALLERS) {
            Scope scope = permission.scopeFor(caller);
            cells.add(scope == Scope.NONE ? "–" : scope.name().toLowerCase(Locale.ROOT));
        }
        for (LetterRole role : LetterRole.values()) {
            boolean carried = permission.carriedBy(role, false);
            cells.add(role == LetterRole.PARTNER ? (carried ? "own" : "–")
                    : carried ? "✓" : permission.carriedBy(role, true) ? "granted" : "–");
        }
        return "| " + String.join(" | ", cells) + " |";
    }
}
