package org.undersigned.signature.moderation;

import java.util.UUID;

/** What a run matched, and its id when it was real ({@code dry_run: false}). */
public record InvalidationResult(UUID id, boolean dryRun, int matched, int counted, int pending) {
}
