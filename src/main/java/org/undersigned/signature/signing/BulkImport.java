package org.undersigned.signature.signing;

import org.undersigned.common.security.Actor;
import org.undersigned.signature.SignRequest;
import org.undersigned.signature.Signature;
import org.undersigned.signature.SignatureFactory;
import org.undersigned.signature.SignatureRules;
import org.undersigned.signature.SignatureSource;
import org.undersigned.signature.SignatureWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Violation;
import org.undersigned.common.Violations;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Permission;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterService;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.validation.LanguageTagValidator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk pushes from partners and the organiser: up to {@value #MAX_ROWS} rows as a JSON array or
 * as CSV with a header row of the same field names. Each row is validated like a single
 * signature and gets its own result; valid rows go in together, many to a statement, in one
 * transaction, so a failed push leaves nothing half-written.
 */
@ApplicationScoped
class BulkImport {

    static final int MAX_ROWS = 10_000;
    private static final CsvMapper CSV = new CsvMapper();

    private final ObjectMapper json;
    private final Validator validator;
    private final Access access;
    private final LetterService letters;
    private final SigningService signing;
    private final SignatureWriter writer;
    private final LetterDirectory letterFacts;

    BulkImport(ObjectMapper json, Validator validator, Access access, LetterService letters, SigningService signing,
               SignatureWriter writer, LetterDirectory letterFacts) {
        this.json = json;
        this.validator = validator;
        this.access = access;
        this.letters = letters;
        this.signing = signing;
        this.writer = writer;
        this.letterFacts = letterFacts;
    }

    private record ParsedRow(int row, SignRequest request, List<Violation> violations) {
    }

    public BulkResult fromJson(String letterKey, InputStream body) {
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("The request body is not well-formed JSON.");
        }
        if (array == null || !array.isArray()) {
            throw ProblemException.badRequest("A bulk push is a JSON array of signatures.");
        }
        checkRowCount(array.size());
        List<ParsedRow> rows = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                rows.add(new ParsedRow(i + 1, null, List.of(new Violation("body", "must be an object"))));
                continue;
            }
            try {
                rows.add(validated(i + 1, json.treeToValue(node, SignRequest.class)));
            } catch (JsonMappingException e) {
                rows.add(new ParsedRow(i + 1, null, List.of(Violations.of(e))));
            } catch (JsonProcessingException e) {
                rows.add(new ParsedRow(i + 1, null, List.of(new Violation("body", "is not a signature"))));
            }
        }
        return importRows(letterKey, rows);
    }

    public BulkResult fromCsv(String letterKey, InputStream body) {
        List<Map<String, String>> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            while (it.hasNext()) {
                records.add(it.next());
                checkRowCount(records.size());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest("The CSV could not be read: it needs a header row of field names and one signature a line.");
        }
        List<ParsedRow> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> fields = new LinkedHashMap<>();
            records.get(i).forEach((column, value) -> fields.put(column.strip(), value == null || value.isBlank() ? null : value));
            try {
                rows.add(validated(i + 1, json.convertValue(fields, SignRequest.class)));
            } catch (IllegalArgumentException e) {
                Violation violation = e.getCause() instanceof JsonMappingException mapping
                        ? Violations.of(mapping) : new Violation("body", "is not a signature");
                rows.add(new ParsedRow(i + 1, null, List.of(violation)));
            }
        }
        return importRows(letterKey, rows);
    }

    private ParsedRow validated(int row, SignRequest request) {
        List<Violation> violations = new ArrayList<>(Violations.of(validator.validate(request)));
        violations.addAll(SignatureFactory.shapeViolations(request, SigningService.source(access.require(Permission.ADD_SIGNATURES))));
        return new ParsedRow(row, violations.isEmpty() ? request : null, violations);
    }

    @Transactional
    BulkResult importRows(String letterKey, List<ParsedRow> rows) {
        LetterFacts letter = signing.signableByCaller(letterKey);
        Access.Grant adding = access.require(Permission.ADD_SIGNATURES);
        Actor actor = access.actor();
        Instant now = letters.now();
        List<Signature> candidates = new ArrayList<>();
        List<Signature> byRow = new ArrayList<>(rows.size());
        List<String> languages = letterFacts.languages(letter.id());
        for (int i = 0; i < rows.size(); i++) {
            ParsedRow row = rows.get(i);
            String language = row.request() == null || row.request().language() == null ? languages.get(0)
                    : LanguageTagValidator.canonical(row.request().language());
            if (row.request() != null && !languages.contains(language)) {
                row = new ParsedRow(row.row(), null, List.of(new Violation("language",
                        "must be a language the letter reads in: " + String.join(", ", languages))));
                rows.set(i, row);
            }
            Signature signature = row.request() == null ? null : SignatureFactory.newSignature(letter.id(), letter.currentVersion(), row.request(), now, true,
                    language, SigningService.source(adding), adding.partnerId());
            if (signature != null) {
                signature.addedBy = actor;
            }
            byRow.add(signature);
            if (signature != null) {
                candidates.add(signature);
            }
        }
        SignatureWriter.Written written = writer.write(candidates, now, true, Map.of());
        if (!written.closedLetters().isEmpty()) {
            throw SignatureRules.letterNotOpen(); // closed since it was read: nothing of the push is kept
        }
        Set<UUID> inserted = written.inserted();
        // a partner learns only of what it pushed or brought: a row that met anyone else's signature
        // is answered as a new one (and, like a new one, a second row with its address as a duplicate)
        Map<UUID, SignatureWriter.Existing> collided = !adding.all()
                ? writer.existingSigners(candidates.stream().filter(s -> !inserted.contains(s.id)).toList()) : Map.of();
        Set<String> answeredAsNew = new HashSet<>();
        List<Signature> created = new ArrayList<>(inserted.size());
        List<BulkResult.Row> results = new ArrayList<>(rows.size());
        int duplicates = 0;
        int invalid = 0;
        for (int i = 0; i < rows.size(); i++) {
            Signature signature = byRow.get(i);
            if (signature == null) {
                invalid++;
                results.add(new BulkResult.Row(rows.get(i).row(), BulkResult.Outcome.INVALID, null, rows.get(i).violations()));
            } else if (inserted.contains(signature.id)) {
                created.add(signature);
                results.add(new BulkResult.Row(rows.get(i).row(), BulkResult.Outcome.CREATED, signature.id, null));
            } else if (collided.containsKey(signature.id) && !collided.get(signature.id).knownTo(adding.partnerId())
                    && answeredAsNew.add(signature.dedupKey)) {
                created.add(signature);
                results.add(new BulkResult.Row(rows.get(i).row(), BulkResult.Outcome.CREATED, signature.id, null));
            } else {
                // whoever signed first, and through whom, stays private
                duplicates++;
                results.add(new BulkResult.Row(rows.get(i).row(), BulkResult.Outcome.DUPLICATE, null, null));
            }
        }
        SignatureSource source = SigningService.source(adding);
        signing.countSignatures("created", source, created.size());
        signing.countSignatures("duplicate", source, duplicates);
        signing.countSignatures("invalid", source, invalid);
        return new BulkResult(created.size(), duplicates, invalid, results);
    }

    private static void checkRowCount(int rows) {
        if (rows > MAX_ROWS) {
            throw new ProblemException(413, ProblemException.TYPE_PREFIX + "too-many-rows", "Payload too large",
                    "A bulk push holds at most " + MAX_ROWS + " rows; split it into several requests.");
        }
    }
}
