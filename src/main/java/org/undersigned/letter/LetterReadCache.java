package org.undersigned.letter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.undersigned.common.Tagged;
import org.undersigned.common.UndersignedConfig;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public letters as last served, for a short while (1 s by default), so that the commonest
 * requests of a live page, a read and its revalidation, cost no database query. Drafts are never
 * kept, so nothing here tells anyone that a draft exists. A change made through this instance
 * (an edit, or counts moved by signatures) clears what it touches when it commits; changes made
 * through another instance show within the time-to-live.
 */
@ApplicationScoped
public class LetterReadCache {

    @Inject
    UndersignedConfig config;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** A letter as served, the language it was served in, and until when it may be served again. */
    public record Served(UUID letterId, Tagged<LetterResponse> letter, String language, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Served> served = new ConcurrentHashMap<>();

    private record Signable(SignableLetter letter, long expiresAtNanos) {
    }

    /** What signing needs of a letter, by the key it is signed under (not drafts). */
    private final ConcurrentHashMap<String, Signable> signable = new ConcurrentHashMap<>();

    SignableLetter signable(String letterKey) {
        Signable entry = signable.get(letterKey);
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry.letter() : null;
    }

    void rememberSignable(String letterKey, SignableLetter letter) {
        if (signable.size() >= config.caching().letterEntries()) {
            signable.clear();
        }
        signable.put(letterKey, new Signable(letter, System.nanoTime() + config.caching().letterTtl().toNanos()));
    }

    public Served lookup(String letterKey, String lang, String acceptLanguage) {
        Served entry = served.get(key(letterKey, lang, acceptLanguage));
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry : null;
    }

    void remember(String letterKey, String lang, String acceptLanguage, Tagged<LetterResponse> letter, String language) {
        if (served.size() >= config.caching().letterEntries()) {
            served.clear();
        }
        served.put(key(letterKey, lang, acceptLanguage), new Served(letter.body().id(), letter, language,
                System.nanoTime() + config.caching().letterTtl().toNanos()));
    }

    /** After a change to a letter, its addressees or its translations: now, and again when the change commits. */
    void invalidateAll() {
        Runnable clear = () -> {
            served.clear();
            signable.clear();
        };
        clear.run();
        afterCompletion(clear);
    }

    /** After the counts of one letter moved: now, and again when the change commits. */
    public void invalidate(UUID letterId) {
        Runnable clear = () -> served.values().removeIf(entry -> entry.letterId().equals(letterId));
        clear.run();
        afterCompletion(clear);
    }

    /** Readers between the change and its commit may have put back what was; clear it again once the change is visible. */
    public void afterCompletion(Runnable action) {
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    private static String key(String letterKey, String lang, String acceptLanguage) {
        return letterKey + '\u0000' + (lang == null ? "" : lang) + '\u0000' + (acceptLanguage == null ? "" : acceptLanguage);
    }
}
