package org.undersigned.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import org.undersigned.common.Audited;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.RequestIds;
import org.undersigned.common.security.Actor;
import org.undersigned.common.ProblemException;
import org.undersigned.letter.LetterChanged;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.letter.LetterEvents;
import org.undersigned.signature.SignaturesChanged;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Appends the audit log from the change events, in each change's transaction: a write that rolls
 * back leaves no entry, and no write commits without one. Reads are keyset-paged, newest first.
 */
@ApplicationScoped
public class AuditLog {

    static final int PURGE_BATCH = 10_000;

    private final AuditStore store;
    private final LetterDirectory letters;
    private final AuditConfig config;
    private final Clock clock;

    AuditLog(AuditStore store, LetterDirectory letters, AuditConfig config, Clock clock) {
        this.store = store;
        this.letters = letters;
        this.config = config;
        this.clock = clock;
    }

    void letterChanged(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(LetterEvents.AUDIT) LetterChanged change) {
        String action = switch (change.change()) {
            case STATUS -> "letter." + switch (change.transition()) {
                case PUBLISH -> "published";
                case CLOSE -> "closed";
                case REOPEN -> "reopened";
                case DELIVER -> "delivered";
            };
            case ADDRESSEES -> "letter.addressees_changed";
            case TRANSLATIONS -> "letter.translations_changed";
            case DELIVERY_RECORDED -> "delivery.recorded";
            case RESPONSE_RECORDED -> "response.recorded";
            case GRANTS -> "letter.grant_changed";
            case LEDGER_CHECKPOINT -> "ledger.checkpoint";
            default -> "letter." + change.change().name().toLowerCase(Locale.ROOT);
        };
        String targetType = change.change() == LetterChanged.Change.GRANTS ? "organisation" : "letter";
        String target = change.change() == LetterChanged.Change.GRANTS ? String.valueOf(change.details().get("organisation_id"))
                : change.letterId().toString();
        List<String> fields = change.details().get(LetterChanged.FIELDS) instanceof List<?> named
                ? named.stream().map(String::valueOf).toList()
                : change.change() == LetterChanged.Change.GRANTS ? List.of("role") : List.of();
        append(change.actor(), action, targetType, List.of(target), change.letterId(), null, fields);
    }

    void signaturesChanged(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(SignaturesChanged.Order.AUDIT) SignaturesChanged change) {
        String action = switch (change.change()) {
            case IMPORTED, INVALIDATED, RETAINED_DATA_ERASED -> "signatures." + change.change().name().toLowerCase(Locale.ROOT);
            default -> "signature." + change.change().name().toLowerCase(Locale.ROOT);
        };
        // one entry a change: its signature when there is one, else its letter (a bulk push, an invalidation, and the
        // public's signatures written together: each of those is in the letter's ledger, one entry a signature)
        List<UUID> ids = change.signatureIds();
        if (ids.size() == 1) {
            append(change.actor(), action, "signature", List.of(ids.get(0).toString()), change.letterId(), null, List.of());
        } else {
            append(change.actor(), action, "letter", List.of(change.letterId().toString()), change.letterId(), null, List.of());
        }
    }

    void audited(@Observes(during = TransactionPhase.IN_PROGRESS) Audited audited) {
        append(audited.actor(), audited.action(), audited.targetType(), java.util.Collections.singletonList(audited.targetId()),
                audited.letterId(), audited.organisationId(), audited.fields());
    }

    /** A use of the operator's key that wrote nothing (a read): audited all the same, in a transaction of its own. */
    public void operatorRead(String route) {
        QuarkusTransaction.requiringNew().run(() -> append(Actor.admin(), "operator.read", "route", List.of(route), null, null, List.of()));
    }

    private void append(Actor actor, String action, String targetType, List<String> targets, UUID letterId, UUID organisationId,
                        List<String> fields) {
        store.append(new AuditStore.Append(now(), actor.kind().name(), actor.id(), actor.display(), action, targetType, targets, letterId,
                organisationId, RequestIds.current(), fields));
    }

    /** A letter's entries (by id or slug); the door has checked the caller may read them. */
    @Transactional
    public Page<AuditEntry> letter(String letterKey, AuditQuery query, Query.PageRequest page) {
        UUID letterId = letters.byKey(letterKey).orElseThrow(() -> ProblemException.notFound("No letter '" + letterKey + "'.")).id();
        return page(new AuditStore.Scope(letterId, null, null), query, page);
    }

    @Transactional
    public Page<AuditEntry> organisation(UUID organisationId, List<UUID> ownedLetters, AuditQuery query, Query.PageRequest page) {
        return page(new AuditStore.Scope(null, organisationId, ownedLetters), query, page);
    }

    @Transactional
    public Page<AuditEntry> all(AuditQuery query, Query.PageRequest page) {
        return page(AuditStore.Scope.all(), query, page);
    }

    private Page<AuditEntry> page(AuditStore.Scope scope, AuditQuery query, Query.PageRequest page) {
        query.check();
        List<AuditEntry> rows = store.page(scope, query, page.cursor(), page.size());
        return Paging.page(rows, page.size(), e -> e, e -> Paging.Cursor.after(e.at(), e.id()));
    }

    /** Removes entries past the retention age, a batch at a time, and says so in the log itself. */
    @Scheduled(every = "6h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        Instant before = now().minus(config.retention());
        int removed;
        do {
            removed = QuarkusTransaction.requiringNew().call(() -> {
                int n = store.purge(before, PURGE_BATCH);
                if (n > 0) {
                    append(Actor.system("audit-retention"), "audit.purged", "audit", List.of("before " + before), null, null, List.of());
                }
                return n;
            });
        } while (removed == PURGE_BATCH);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
