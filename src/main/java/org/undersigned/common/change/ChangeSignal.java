package org.undersigned.common.change;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one signal by which changes reach every cache and every instance. A write calls
 * {@link #publish} inside its transaction; the change is then
 * <ul>
 * <li>sent to the other instances by {@code pg_notify}, which PostgreSQL delivers only if and when
 * the transaction commits, and</li>
 * <li>fired here as a CDI {@link LetterChange} event to observers of
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}: after the commit, never for a rollback.</li>
 * </ul>
 * The {@link ChangeListener} fires the other instances' changes here the same way. Caches made by
 * {@link #cache} are emptied by these events alone.
 */
@ApplicationScoped
public class ChangeSignal {

    private static final Logger LOG = Logger.getLogger(ChangeSignal.class);
    static final String CHANNEL = "undersigned_changes";
    private static final Object PUBLISHED_KEY = new Object();

    /** Tells this instance's changes from the others' in what the listener hears. */
    final String origin = UUID.randomUUID().toString();

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<LetterChange> events;
    private final Event<ChangesMissed> missed;
    private final List<LetterCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean live;

    ChangeSignal(EntityManager em, TransactionSynchronizationRegistry transactions, Event<LetterChange> events,
                 Event<ChangesMissed> missed) {
        this.em = em;
        this.transactions = transactions;
        this.events = events;
        this.missed = missed;
    }

    /** Announces a change of the current transaction: to this instance after commit, to the others at commit. */
    public void publish(UUID letterId, LetterChange.Aspect aspect) {
        LetterChange change = new LetterChange(letterId, aspect);
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            QuarkusTransaction.requiringNew().run(() -> publish(letterId, aspect));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<LetterChange> published = (Set<LetterChange>) transactions.getResource(PUBLISHED_KEY);
        if (published == null) {
            published = new HashSet<>();
            transactions.putResource(PUBLISHED_KEY, published);
        }
        if (!published.add(change)) {
            return; // once a transaction is enough
        }
        em.createNativeQuery("select pg_notify('" + CHANNEL + "', ?1)").setParameter(1, change.payload(origin)).getSingleResult();
        events.fire(change);
    }

    /** A cache of per-letter values that the changes of these aspects (all when none are named) empty. */
    public <K, V> LetterCache<K, V> cache(String name, int maxEntries, Duration ttl, LetterChange.Aspect... aspects) {
        LetterCache<K, V> cache = new LetterCache<>(name, aspects.length == 0 ? Set.of() : EnumSet.of(aspects[0], aspects),
                maxEntries, ttl, this);
        caches.add(cache);
        return cache;
    }

    /** Whether changes of every instance are being heard; caches serve nothing while they are not. */
    public boolean live() {
        return live;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) LetterChange change) {
        caches.forEach(cache -> cache.changed(change));
    }

    /** Another instance's change, heard by the listener: fired here as if it were this instance's, after its commit. */
    void received(LetterChange change) {
        events.fire(change);
    }

    /** The listener's connection is up (again) or down: either way what is kept may have missed changes. */
    void setLive(boolean live) {
        this.live = live;
        caches.forEach(LetterCache::flush);
        LOG.debugf("change signal %s; caches flushed", live ? "live" : "down");
        if (live) {
            missed.fire(new ChangesMissed());
        }
    }

    /** Fired when the signal (re)connects: any letter may have changed unheard, so consumers refresh what they show. */
    public record ChangesMissed() {
    }
}
