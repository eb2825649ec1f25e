package org.undersigned.letter;

import java.time.Instant;

/** Which text version a letter is at. */
public record VersionInfo(int number, String contentHash, Instant createdAt) {

    static VersionInfo from(LetterVersion v) {
        return new VersionInfo(v.number, v.contentHash, v.createdAt);
    }
}
