package org.undersigned.letter;

import java.util.HashMap;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.undersigned.common.Ids;
import org.undersigned.common.Page;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The ordered recipients and CCs of a letter. Every change also changes the letter's ETag. */
@ApplicationScoped
public class AddresseeService {

    private final LetterService letters;

    AddresseeService(LetterService letters) {
        this.letters = letters;
    }

    @Transactional
    public <R> Page<R> list(String letterKey, AddresseeRole role, Function<Addressee, R> view) {
        Letter letter = letters.visibleLetter(letterKey);
        return Page.complete(Addressee.listOf(letter.id, role).stream().map(view).toList());
    }

    @Transactional
    public <R> Tagged<R> get(String letterKey, AddresseeRole role, String id, Function<Addressee, R> view) {
        Letter letter = letters.visibleLetter(letterKey);
        Addressee addressee = find(letter, role, id);
        return new Tagged<>(view.apply(addressee), version(addressee));
    }

    @Transactional
    public <R> Tagged<R> add(String letterKey, AddresseeRole role, AddresseeChange change, Function<Addressee, R> view) {
        Letter letter = letters.writable(letterKey, null);
        Instant now = letters.now();
        Addressee addressee = insert(letter, role, change, now);
        letters.touched(letter, now, LetterChanged.Change.ADDRESSEES);
        Addressee.flush();
        return new Tagged<>(view.apply(addressee), version(addressee));
    }

    @Transactional
    public <R> Tagged<R> update(String letterKey, AddresseeRole role, String id, AddresseeChange change, String ifMatch,
                                Function<Addressee, R> view) {
        Letter letter = letters.writable(letterKey, null);
        Addressee addressee = find(letter, role, id);
        Preconditions.checkIfMatch(ifMatch, version(addressee));
        Instant now = letters.now();
        apply(addressee, change);
        if (change.position() != null) {
            List<Addressee> list = new ArrayList<>(Addressee.listOf(letter.id, role));
            list.remove(addressee);
            list.add(clampIndex(change.position().orElseThrow(), list.size()), addressee);
            renumber(list, now);
        }
        addressee.updatedAt = now;
        letters.touched(letter, now, LetterChanged.Change.ADDRESSEES);
        Addressee.flush();
        return new Tagged<>(view.apply(addressee), version(addressee));
    }

    @Transactional
    public void delete(String letterKey, AddresseeRole role, String id, String ifMatch) {
        Letter letter = letters.writable(letterKey, null);
        Addressee addressee = find(letter, role, id);
        Preconditions.checkIfMatch(ifMatch, version(addressee));
        List<Addressee> list = new ArrayList<>(Addressee.listOf(letter.id, role));
        list.remove(addressee);
        addressee.delete();
        Instant now = letters.now();
        renumber(list, now);
        letters.touched(letter, now, LetterChanged.Change.ADDRESSEES);
    }

    /** Inserts at the requested 1-based position (default: last), moving the others down. */
    Addressee insert(Letter letter, AddresseeRole role, AddresseeChange change, Instant now) {
        List<Addressee> list = new ArrayList<>(Addressee.listOf(letter.id, role));
        if (list.size() >= LetterRules.MAX_ADDRESSEES) {
            throw ProblemException.conflict("too-many-addressees",
                    "A letter has at most " + LetterRules.MAX_ADDRESSEES + " " + plural(role) + ".");
        }
        Addressee addressee = new Addressee();
        addressee.id = UUID.randomUUID();
        addressee.letterId = letter.id;
        addressee.role = role;
        addressee.createdAt = now;
        addressee.updatedAt = now;
        apply(addressee, change);
        int index = change.position() == null || change.position().isEmpty()
                ? list.size() : clampIndex(change.position().get(), list.size());
        list.add(index, addressee);
        addressee.position = index + 1;
        addressee.persist();
        renumber(list, now);
        return addressee;
    }

    private static void apply(Addressee addressee, AddresseeChange change) {
        if (change.name() != null) addressee.name = change.name().orElseThrow();
        if (change.title() != null) addressee.title = change.title().orElse(null);
        if (change.organization() != null) addressee.organization = change.organization().orElse(null);
        if (change.addressLines() != null) addressee.addressLines = new ArrayList<>(change.addressLines().orElse(List.of()));
        if (change.country() != null) addressee.country = change.country().orElse(null);
    }

    private static void renumber(List<Addressee> ordered, Instant now) {
        for (int i = 0; i < ordered.size(); i++) {
            Addressee a = ordered.get(i);
            if (a.position != i + 1) {
                a.position = i + 1;
                a.updatedAt = now;
            }
        }
    }

    /** A 1-based position to a list index; past the end means last. */
    private static int clampIndex(int position, int size) {
        return Math.max(0, Math.min(position - 1, size));
    }

    private static Addressee find(Letter letter, AddresseeRole role, String id) {
        UUID uuid = Ids.parse(id);
        Addressee addressee = uuid == null ? null : Addressee.findById(uuid);
        if (addressee == null || !addressee.letterId.equals(letter.id) || addressee.role != role) {
            throw ProblemException.notFound("This letter has no " + (role == AddresseeRole.CC ? "CC" : "recipient") + " with that id.");
        }
        return addressee;
    }

    static String version(Addressee addressee) {
        return Preconditions.version("A" + addressee.revision);
    }

    private static String plural(AddresseeRole role) {
        return role == AddresseeRole.CC ? "CCs" : "recipients";
    }

    /** The names of a letter's recipients and CCs, by id: what records about them (deliveries, responses) show. */
    public Map<UUID, String> names(UUID letterId) {
        Map<UUID, String> names = new HashMap<>();
        Addressee.<Addressee>list("letterId", letterId).forEach(a -> names.put(a.id, a.name));
        return names;
    }
}
