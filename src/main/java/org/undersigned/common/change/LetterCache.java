package org.undersigned.common.change;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A cache of things that belong to one letter, emptied by the change signal alone: an entry goes
 * when a change of one of its aspects commits, here or on any other instance, and everything goes
 * when the signal reconnects. While the signal is down nothing is served from it or kept in it, so
 * a change it could not hear of is never hidden. A time-to-live bounds what a change made behind
 * the service's back (by hand in SQL) can hide. Made by {@link ChangeSignal#cache}.
 *
 * <p>A reader takes a {@link #stamp} before it reads the database and hands it to {@link #put}: a
 * change that committed in between makes the put a no-op, so a reader cannot put back what was.
 */
public final class LetterCache<K, V> {

    private record Entry<V>(UUID letterId, V value, long expiresAtNanos) {
    }

    private final String name;
    private final Set<LetterChange.Aspect> aspects;
    private final int maxEntries;
    private final long ttlNanos;
    private final ChangeSignal signal;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation: a put whose stamp is older than a change is dropped. */
    private final AtomicLong generation = new AtomicLong();

    LetterCache(String name, Set<LetterChange.Aspect> aspects, int maxEntries, Duration ttl, ChangeSignal signal) {
        this.name = name;
        this.aspects = aspects.isEmpty() ? EnumSet.allOf(LetterChange.Aspect.class) : EnumSet.copyOf(aspects);
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.signal = signal;
    }

    public String name() {
        return name;
    }

    /** The value kept for this key, or null. */
    public V get(K key) {
        if (!signal.live()) {
            return null;
        }
        Entry<V> entry = entries.get(key);
        return entry != null && entry.expiresAtNanos() - System.nanoTime() > 0 ? entry.value() : null;
    }

    /** Taken before reading what will be put. */
    public long stamp() {
        return generation.get();
    }

    /** Keeps a value read after {@code stamp} was taken, unless a change committed since. */
    public void put(K key, UUID letterId, V value, long stamp) {
        if (!signal.live() || ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(letterId, value, System.nanoTime() + ttlNanos));
        if (generation.get() != stamp) {
            // a change committed while the value was read: it may be stale
            entries.remove(key);
        }
    }

    /** The value for this key, read by {@code load} (with the letter it belongs to) when not kept. */
    public V computeIfAbsent(K key, Function<K, Loaded<V>> load) {
        V cached = get(key);
        if (cached != null) {
            return cached;
        }
        long stamp = stamp();
        Loaded<V> loaded = load.apply(key);
        if (loaded.letterId() != null) {
            put(key, loaded.letterId(), loaded.value(), stamp);
        }
        return loaded.value();
    }

    /** A value and the letter it belongs to; a null letter id keeps it out of the cache. */
    public record Loaded<V>(UUID letterId, V value) {
    }

    void changed(LetterChange change) {
        if (!aspects.contains(change.aspect())) {
            return;
        }
        generation.incrementAndGet();
        entries.values().removeIf(entry -> entry.letterId().equals(change.letterId()));
    }

    void flush() {
        generation.incrementAndGet();
        entries.clear();
    }
}
