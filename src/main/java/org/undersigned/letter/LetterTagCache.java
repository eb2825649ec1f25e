package org.undersigned.letter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import org.undersigned.common.UndersignedConfig;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The ETags of public letters as last served, for a short while, so that a revalidation (a 304,
 * the commonest request of a live page) costs no database query. Drafts are never kept, so a
 * 304 never tells anyone that a draft exists. Changes made through this instance (edits, and
 * the counts that signatures move) clear what they touch; other instances' show within the TTL.
 */
@ApplicationScoped
public class LetterTagCache {

    @Inject
    UndersignedConfig config;

    /** A representation's tag and the language it was served in. */
    public record Served(java.util.UUID letterId, EntityTag etag, String language, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Served> served = new ConcurrentHashMap<>();

    public Served lookup(String letterKey, String lang, String acceptLanguage) {
        Served entry = served.get(key(letterKey, lang, acceptLanguage));
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry : null;
    }

    void remember(java.util.UUID letterId, String letterKey, String lang, String acceptLanguage, EntityTag etag, String language) {
        if (served.size() >= config.caching().letterTagEntries()) {
            served.clear();
        }
        served.put(key(letterKey, lang, acceptLanguage),
                new Served(letterId, etag, language, System.nanoTime() + config.caching().letterTagTtl().toNanos()));
    }

    /** After any change to a letter, its addressees or its translations on this instance. */
    void invalidate() {
        served.clear();
    }

    /** After the counts of one letter moved. */
    public void invalidate(java.util.UUID letterId) {
        served.values().removeIf(entry -> entry.letterId().equals(letterId));
    }

    private static String key(String letterKey, String lang, String acceptLanguage) {
        return letterKey + '\u0000' + (lang == null ? "" : lang) + '\u0000' + (acceptLanguage == null ? "" : acceptLanguage);
    }
}
