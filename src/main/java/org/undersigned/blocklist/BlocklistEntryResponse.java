package org.undersigned.blocklist;

import java.time.Instant;
import java.util.UUID;

public record BlocklistEntryResponse(UUID id, BlocklistKind kind, String value, String note, Instant createdAt) {

    static BlocklistEntryResponse from(BlocklistEntry e) {
        return new BlocklistEntryResponse(e.id, e.kind, e.value, e.note, e.createdAt);
    }
}
