package org.undersigned.blocklist;

import jakarta.enterprise.event.Event;
import org.undersigned.common.Audited;
import org.undersigned.common.FieldNames;
import org.undersigned.common.security.Access;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.undersigned.common.Ids;
import org.undersigned.common.ProblemException;
import org.undersigned.common.validation.EmailAddresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The organiser's blocklist, and the question signing asks of every public signature: is it from a
 * disposable address (refused, 422), or from a blocked domain, address or client range (recorded
 * REJECTED with the reason, answered like any other)? Answered from memory: each instance keeps the
 * list, reloads it after its own changes commit, and rereads it every {@code blocklist.refresh}.
 */
@ApplicationScoped
public class Blocklist {

    private static final Logger LOG = Logger.getLogger(Blocklist.class);
    /** Entries the list holds at most: each public signature is checked against the ranges one by one. */
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final DisposableDomains disposable;
    private final TransactionSynchronizationRegistry transactions;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Set.of(), List.of());

    private final Access access;
    private final Event<Audited> audit;

    Blocklist(Clock clock, DisposableDomains disposable, TransactionSynchronizationRegistry transactions, Access access,
              Event<Audited> audit) {
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.disposable = disposable;
        this.transactions = transactions;
    }

    /** A CIDR range: its first address and prefix length. */
    record Range(byte[] network, int prefix, String text) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) return false;
            }
            int rest = prefix % 8;
            return rest == 0 || ((a[full] ^ network[full]) & (0xff << (8 - rest))) == 0;
        }
    }

    private record Snapshot(Set<String> domains, Set<String> emails, List<Range> ranges) {
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "${undersigned.blocklist.refresh:10S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.debugf("blocklist refresh: %s", e.getMessage()); // the database is away: keep what we have
        }
    }

    private void reload() {
        List<BlocklistEntry> entries = QuarkusTransaction.requiringNew().call(() -> BlocklistEntry.<BlocklistEntry>listAll());
        Set<String> domains = new HashSet<>();
        Set<String> emails = new HashSet<>();
        List<Range> ranges = new java.util.ArrayList<>();
        for (BlocklistEntry e : entries) {
            switch (e.kind) {
                case EMAIL_DOMAIN -> domains.add(e.value);
                case EMAIL -> emails.add(e.value);
                case ADDRESS_RANGE -> ranges.add(range(e.value));
            }
        }
        snapshot = new Snapshot(Set.copyOf(domains), Set.copyOf(emails), List.copyOf(ranges));
    }

    /** Refused outright: an address at a disposable domain (422). */
    public void refuseDisposable(String email) {
        if (email == null || !EmailAddresses.isValid(email)) {
            return;
        }
        String canonical = EmailAddresses.canonical(email);
        if (disposable.isDisposable(canonical.substring(canonical.lastIndexOf('@') + 1))) {
            throw new ProblemException(422, ProblemException.TYPE_PREFIX + "disposable-email", "Unprocessable Content",
                    "Addresses at disposable email domains cannot sign; use an address of your own.");
        }
    }

    /** Why this public signature is blocked (kept with it as the rejection's reason), or null. */
    public String blocked(String email, InetAddress client) {
        Snapshot current = snapshot;
        if (email != null && EmailAddresses.isValid(email)) {
            String canonical = EmailAddresses.canonical(email);
            if (current.emails().contains(canonical)) {
                return "BLOCKLIST EMAIL";
            }
            for (String d = canonical.substring(canonical.lastIndexOf('@') + 1); d != null; d = DisposableDomains.parent(d)) {
                if (current.domains().contains(d)) {
                    return "BLOCKLIST EMAIL_DOMAIN " + d;
                }
            }
        }
        if (client != null) {
            for (Range range : current.ranges()) {
                if (range.contains(client)) {
                    return "BLOCKLIST ADDRESS_RANGE " + range.text();
                }
            }
        }
        return null;
    }

    @Transactional
    public BlocklistEntryResponse add(CreateBlocklistEntryRequest request) {
        String value = normalise(request.kind(), request.value().strip());
        if (BlocklistEntry.count() >= MAX_ENTRIES) {
            throw ProblemException.conflict("blocklist-full", "The blocklist holds at most " + MAX_ENTRIES + " entries.");
        }
        if (BlocklistEntry.count("kind = ?1 and value = ?2", request.kind(), value) > 0) {
            throw ProblemException.conflict("blocklist-entry-exists", "The blocklist already has this " + request.kind() + ".");
        }
        BlocklistEntry entry = new BlocklistEntry();
        entry.id = UUID.randomUUID();
        entry.kind = request.kind();
        entry.value = value;
        entry.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        entry.createdAt = clock.instant();
        entry.persist();
        audit.fire(Audited.of("blocklist.entry_added", "blocklist_entry", entry.id, access.actor()).withFields(FieldNames.present(request)));
        reloadAfterCommit();
        return BlocklistEntryResponse.from(entry);
    }

    @Transactional
    public List<BlocklistEntryResponse> list(BlocklistKind kind) {
        List<BlocklistEntry> entries = kind == null ? BlocklistEntry.list("order by createdAt desc, id")
                : BlocklistEntry.list("kind = ?1 order by createdAt desc, id", kind);
        return entries.stream().map(BlocklistEntryResponse::from).toList();
    }

    @Transactional
    public void remove(String id) {
        UUID uuid = Ids.parse(id);
        if (uuid == null || !BlocklistEntry.deleteById(uuid)) {
            throw ProblemException.notFound("No blocklist entry with that id.");
        }
        audit.fire(Audited.of("blocklist.entry_removed", "blocklist_entry", uuid, access.actor()));
        reloadAfterCommit();
    }

    private void reloadAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    refresh();
                }
            }
        });
    }

    /** The value as kept and compared, or a 400 naming the field. */
    static String normalise(BlocklistKind kind, String value) {
        return switch (kind) {
            case EMAIL -> {
                if (!EmailAddresses.isValid(value)) throw ProblemException.invalid("value", "must be an email address");
                yield EmailAddresses.canonical(value);
            }
            case EMAIL_DOMAIN -> {
                String domain = EmailAddresses.asciiDomain(value);
                if (domain == null) throw ProblemException.invalid("value", "must be a domain name");
                yield domain;
            }
            case ADDRESS_RANGE -> range(value).text();
        };
    }

    /** A CIDR range (an address alone is a range of one), with its host bits cleared; or a 400. */
    static Range range(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || !parts[0].matches("[0-9a-fA-F:.]+")) {
            throw ProblemException.invalid("value", "must be an address range in CIDR notation (203.0.113.0/24, 2001:db8::/32)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(parts[0]); // a literal: the pattern above lets no name through
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("value", "must be an address range in CIDR notation (203.0.113.0/24, 2001:db8::/32)");
        }
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("value", "has a prefix length that is not a number");
        }
        if (prefix < 8 || prefix > max) {
            throw ProblemException.invalid("value", "must have a prefix length from 8 to " + max);
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(max).subtract(BigInteger.ONE).shiftRight(max - prefix).shiftLeft(max - prefix);
        byte[] masked = new BigInteger(1, bytes).and(mask).toByteArray();
        byte[] network = new byte[bytes.length];
        System.arraycopy(masked, Math.max(0, masked.length - bytes.length), network, Math.max(0, bytes.length - masked.length),
                Math.min(bytes.length, masked.length));
        try {
            return new Range(network, prefix, InetAddress.getByAddress(network).getHostAddress() + "/" + prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
