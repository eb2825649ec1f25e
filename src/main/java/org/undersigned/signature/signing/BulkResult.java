package org.undersigned.signature.signing;

import org.undersigned.common.Violation;

import java.util.List;
import java.util.UUID;

/** What a bulk push did with each row, in the order of the rows (numbered from 1). */
public record BulkResult(int created, int duplicates, int invalid, List<Row> results) {

    public enum Outcome { CREATED, DUPLICATE, INVALID }

    /** {@code id} for a created row; {@code violations} for an invalid one. */
    public record Row(int row, Outcome status, UUID id, List<Violation> violations) {
    }
}
