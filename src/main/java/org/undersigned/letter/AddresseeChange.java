package org.undersigned.letter;

import java.util.List;
import java.util.Optional;

/**
 * What a request sets on a recipient or CC. Each field is {@code null} when left unchanged and
 * {@code Optional.empty()} when cleared.
 */
record AddresseeChange(Optional<String> name, Optional<String> title, Optional<String> organization,
                       Optional<List<String>> addressLines, Optional<String> country, Optional<Integer> position) {

    static AddresseeChange of(CreateRecipientRequest r) {
        return new AddresseeChange(Optional.of(r.name()), Optional.ofNullable(r.title()), Optional.ofNullable(r.organization()),
                Optional.ofNullable(r.addressLines()), Optional.ofNullable(r.country()), Optional.ofNullable(r.position()));
    }

    static AddresseeChange of(UpdateRecipientRequest r) {
        return new AddresseeChange(r.name(), r.title(), r.organization(), r.addressLines(), r.country(), r.position());
    }

    static AddresseeChange of(CreateCcRequest c) {
        return new AddresseeChange(Optional.of(c.name()), Optional.ofNullable(c.title()), Optional.ofNullable(c.organization()),
                null, null, Optional.ofNullable(c.position()));
    }

    static AddresseeChange of(UpdateCcRequest c) {
        return new AddresseeChange(c.name(), c.title(), c.organization(), null, null, c.position());
    }
}
