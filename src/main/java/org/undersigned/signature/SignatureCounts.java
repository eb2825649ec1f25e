package org.undersigned.signature;

import java.util.Comparator;
import java.util.HashMap;
import org.undersigned.partner.PartnerService;
import org.undersigned.letter.LetterFacts;
import org.undersigned.letter.LetterDirectory;
import org.undersigned.common.security.Actor;
import org.undersigned.letter.LetterChanged;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.undersigned.common.Sql;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.change.ChangeSignal;
import org.undersigned.common.change.LetterCache;
import org.undersigned.common.change.LetterChange;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * A letter's counts, kept exact in the transaction of every change to a signature. They live in
 * {@value #SHARDS} rows a letter, one picked at random per change, so that concurrent signers do
 * not all wait on one counter row; a read sums the shards.
 */
@ApplicationScoped
public class SignatureCounts {

    static final int SHARDS = 16;

    private final EntityManager em;
    private final ChangeSignal signal;
    private final Clock clock;
    private static final Actor MILESTONES = Actor.system("milestones");

    private final Event<LetterChanged> changes;
    private final LetterDirectory letterFacts;
    private final PartnerService partners;
    /** Summaries as last read, kept until the letter's signatures change (here or on another instance). */
    private final LetterCache<UUID, Snapshot> snapshots;

    SignatureCounts(EntityManager em, ChangeSignal signal, UndersignedConfig config, Clock clock, Event<LetterChanged> changes,
                    LetterDirectory letterFacts, PartnerService partners) {
        this.letterFacts = letterFacts;
        this.partners = partners;
        this.em = em;
        this.signal = signal;
        this.clock = clock;
        this.changes = changes;
        // the letter's goals are part of the summary: a change of them empties it too
        this.snapshots = signal.cache("summaries", config.caching().letterEntries(), config.caching().letterTtl(),
                LetterChange.Aspect.SIGNATURES, LetterChange.Aspect.LETTER);
    }

    /** What one signature adds to the counts: nothing unless it is verified. */
    public record Contribution(int organizations, int organizationsUndisclosed, long represented, int individuals,
                        int individualsUndisclosed, String country, String language) {

        public static final Contribution NONE = new Contribution(0, 0, 0, 0, 0, null, null);

        public static Contribution of(Signature s) {
            return of(s.status, s.kind, s.display, s.represents, s.country, s.language);
        }

        /** The same from a row's columns, for writes that never load the entity. */
        public static Contribution of(SignatureStatus status, SignatureKind kind, SignatureDisplay display, long represents,
                               String country, String language) {
            if (status != SignatureStatus.VERIFIED) {
                return NONE;
            }
            boolean undisclosed = display == SignatureDisplay.UNDISCLOSED;
            if (kind == SignatureKind.ORGANIZATION) {
                return new Contribution(1, undisclosed ? 1 : 0, Math.max(1, represents), 0, 0, country, language);
            }
            return new Contribution(0, 0, 0, 1, undisclosed ? 1 : 0, country, language);
        }
    }

    /** The net change of many signatures' contributions, written in one go. */
    public static final class Delta {
        private long organizations;
        private long organizationsUndisclosed;
        private long represented;
        private long individuals;
        private long individualsUndisclosed;
        private final Map<String, Long> countries = new TreeMap<>();
        private final Map<String, Long> languages = new TreeMap<>();

        /** Adds the move of one signature from what it contributed before a change to what it contributes after. */
        public Delta add(Contribution before, Contribution after) {
            organizations += after.organizations() - before.organizations();
            organizationsUndisclosed += after.organizationsUndisclosed() - before.organizationsUndisclosed();
            represented += after.represented() - before.represented();
            individuals += after.individuals() - before.individuals();
            individualsUndisclosed += after.individualsUndisclosed() - before.individualsUndisclosed();
            boolean counted = before.organizations() + before.individuals() > 0;
            boolean counts = after.organizations() + after.individuals() > 0;
            if (counted && before.country() != null) countries.merge(before.country(), -1L, Long::sum);
            if (counts && after.country() != null) countries.merge(after.country(), 1L, Long::sum);
            if (counted && before.language() != null) languages.merge(before.language(), -1L, Long::sum);
            if (counts && after.language() != null) languages.merge(after.language(), 1L, Long::sum);
            return this;
        }

        boolean isEmpty() {
            return organizations == 0 && organizationsUndisclosed == 0 && represented == 0 && individuals == 0
                    && individualsUndisclosed == 0 && countries.values().stream().allMatch(n -> n == 0)
                    && languages.values().stream().allMatch(n -> n == 0);
        }
    }

    /** Moves the counts from what a signature contributed before a change to what it contributes after. */
    public void change(UUID letterId, Contribution before, Contribution after) {
        apply(letterId, new Delta().add(before, after));
    }

    public void apply(UUID letterId, Delta delta) {
        apply(letterId, delta, null);
    }

    /** As above, with the letter's goals when the caller holds them ({@code null}: read them if the change adds signatures). */
    public void apply(UUID letterId, Delta delta, List<Long> letterGoals) {
        if (delta.isEmpty()) {
            return;
        }
        long counted = delta.organizations + delta.individuals;
        Long[] goals = counted <= 0 ? new Long[0] : (letterGoals != null ? letterGoals
                : letterFacts.facts(letterId).map(LetterFacts::goals).orElse(List.of())).toArray(Long[]::new);
        int shard = ThreadLocalRandom.current().nextInt(SHARDS);
        List<Long> reached = new ArrayList<>(1);
        String[] countries = delta.countries.keySet().toArray(String[]::new);
        Long[] byCountry = delta.countries.values().toArray(Long[]::new);
        String[] languages = delta.languages.keySet().toArray(String[]::new);
        Long[] byLanguage = delta.languages.values().toArray(Long[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(APPLY)) {
                statement.setObject(1, letterId);
                statement.setInt(2, shard);
                statement.setLong(3, delta.organizations);
                statement.setLong(4, delta.organizationsUndisclosed);
                statement.setLong(5, delta.represented);
                statement.setLong(6, delta.individuals);
                statement.setLong(7, delta.individualsUndisclosed);
                statement.setArray(8, connection.createArrayOf("text", countries));
                statement.setArray(9, connection.createArrayOf("int8", byCountry));
                statement.setArray(10, connection.createArrayOf("text", languages));
                statement.setArray(11, connection.createArrayOf("int8", byLanguage));
                java.sql.Timestamp now = java.sql.Timestamp.from(clock.instant());
                statement.setTimestamp(12, now);
                statement.setLong(13, counted);
                statement.setLong(14, counted);
                statement.setObject(15, letterId);
                statement.setTimestamp(16, now);
                statement.setArray(17, connection.createArrayOf("int8", goals));
                statement.setLong(18, counted);
                statement.setLong(19, counted);
                statement.setObject(20, letterId);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && result.getArray(2) != null) {
                        for (Long goal : (Long[]) result.getArray(2).getArray()) {
                            reached.add(goal);
                        }
                    }
                }
            }
        });
        if (!reached.isEmpty()) {
            milestoneReached(letterId, reached);
        }
    }

    /**
     * Goals reached by a change, once each (the milestone rows are unique): an event to the
     * letter's subscribers, in the transaction of the change. A goal reached by two concurrent
     * changes that each saw the other's count missing is recorded by the next change.
     */
    private void milestoneReached(UUID letterId, List<Long> goals) {
        Instant now = clock.instant();
        for (Long goal : goals) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("letter_id", letterId);
            data.put("goal", goal);
            data.put("reached_at", now.toString());
            changes.fire(new LetterChanged(letterId, null, LetterChanged.Change.MILESTONE_REACHED, null, MILESTONES, data));
        }
    }

    /**
     * Every counter a delta moves, in one statement (one round trip, one plan): the letter's totals,
     * and its counts by country and by language, all in one shard. The modifying CTEs run whether or
     * not the final select reads them.
     */
    private static final String APPLY = """
            with totals as (
                insert into letter_counts (letter_id, shard, organizations, organizations_undisclosed,
                    organizations_represented, individuals, individuals_undisclosed, changes)
                values (?::uuid, ?, ?, ?, ?, ?, ?, 1)
                on conflict (letter_id, shard) do update set
                    organizations = letter_counts.organizations + excluded.organizations,
                    organizations_undisclosed = letter_counts.organizations_undisclosed + excluded.organizations_undisclosed,
                    organizations_represented = letter_counts.organizations_represented + excluded.organizations_represented,
                    individuals = letter_counts.individuals + excluded.individuals,
                    individuals_undisclosed = letter_counts.individuals_undisclosed + excluded.individuals_undisclosed,
                    changes = letter_counts.changes + 1
                returning letter_id, shard),
            by_country as (
                insert into letter_country_counts (letter_id, country, shard, signatures)
                select t.letter_id, d.country, t.shard, d.n from totals t, unnest(?::text[], ?::bigint[]) as d (country, n)
                where d.n <> 0
                on conflict (letter_id, country, shard) do update set signatures = letter_country_counts.signatures + excluded.signatures
                returning 1),
            by_language as (
                insert into letter_language_counts (letter_id, language, shard, signatures)
                select t.letter_id, d.language, t.shard, d.n from totals t, unnest(?::text[], ?::bigint[]) as d (language, n)
                where d.n <> 0
                on conflict (letter_id, language, shard) do update set signatures = letter_language_counts.signatures + excluded.signatures
                returning 1),
            history as (
                insert into letter_count_history (letter_id, hour, shard, signatures)
                select t.letter_id, date_trunc('hour', cast(? as timestamptz)), t.shard, ? from totals t
                where ? <> 0
                on conflict (letter_id, hour, shard) do update set signatures = letter_count_history.signatures + excluded.signatures
                returning 1),
            milestones as (
                -- the goals this change reaches: the shards' sum as this statement began, plus this delta
                insert into letter_milestones (letter_id, goal, reached_at)
                select ?::uuid, g.goal, ? from unnest(?::bigint[]) as g (goal)
                where ? > 0
                  and g.goal <= ? + (select coalesce(sum(organizations + individuals), 0) from letter_counts where letter_id = ?::uuid)
                on conflict do nothing
                returning goal)
            select (select count(*) from by_country) + (select count(*) from by_language) + (select count(*) from history),
                   (select array_agg(goal order by goal) from milestones)""";

    /** How many changes the counts have taken: a cheap version number for ETags. */
    public long changes(UUID letterId) {
        Number changes = (Number) em.createNativeQuery("select coalesce(sum(changes), 0) from letter_counts where letter_id = ?1")
                .setParameter(1, letterId).getSingleResult();
        return changes.longValue();
    }

    /** A letter's summary with the change count it was read at (the basis of its ETag). */
    public record Snapshot(SummaryResponse summary, long changes) {
    }

    public SummaryResponse summary(UUID letterId) {
        return snapshot(letterId).summary();
    }

    /** The summary, from memory when the letter's signatures have not changed since it was read; else from the counter rows. */
    public Snapshot snapshot(UUID letterId) {
        return snapshots.computeIfAbsent(letterId, id -> new LetterCache.Loaded<>(id, read(id)));
    }

    private Snapshot read(UUID letterId) {
        Object[] totals = (Object[]) em.createNativeQuery("""
                        select coalesce(sum(organizations), 0), coalesce(sum(organizations_undisclosed), 0),
                               coalesce(sum(organizations_represented), 0), coalesce(sum(individuals), 0),
                               coalesce(sum(individuals_undisclosed), 0), coalesce(sum(changes), 0)
                        from letter_counts where letter_id = ?1
                        """)
                .setParameter(1, letterId).getSingleResult();
        long organizations = ((Number) totals[0]).longValue();
        long organizationsUndisclosed = ((Number) totals[1]).longValue();
        long represented = ((Number) totals[2]).longValue();
        long individuals = ((Number) totals[3]).longValue();
        long individualsUndisclosed = ((Number) totals[4]).longValue();
        long changes = ((Number) totals[5]).longValue();
        List<SummaryResponse.CountryCount> byCountry = countsBy("letter_country_counts", "country", letterId,
                (value, n) -> new SummaryResponse.CountryCount(value.trim(), n));
        List<SummaryResponse.LanguageCount> byLanguage = countsBy("letter_language_counts", "language", letterId,
                SummaryResponse.LanguageCount::new);
        long countries = byCountry.size();
        long total = organizations + individuals;
        @SuppressWarnings("unchecked")
        List<Object[]> reachedGoals = em.createNativeQuery("select goal, reached_at from letter_milestones where letter_id = ?1")
                .setParameter(1, letterId).getResultList();
        Map<Long, Instant> reached = new HashMap<>();
        reachedGoals.forEach(row -> reached.put(((Number) row[0]).longValue(), Sql.instant(row[1])));
        List<SummaryResponse.Milestone> milestones = new ArrayList<>();
        Long nextGoal = null;
        for (long value : letterFacts.facts(letterId).map(LetterFacts::goals).orElse(List.of()).stream().sorted().toList()) {
            if (reached.containsKey(value)) {
                milestones.add(new SummaryResponse.Milestone(value, reached.get(value)));
            } else if (nextGoal == null && value > total) {
                nextGoal = value;
            }
        }
        // the sentence is rendered per language: SummaryResponse.in
        return new Snapshot(new SummaryResponse(organizations, organizations - organizationsUndisclosed, organizationsUndisclosed,
                represented, individuals, individuals - individualsUndisclosed, individualsUndisclosed, countries,
                total, byCountry, byLanguage, null, List.copyOf(milestones), nextGoal, clock.instant(), null), changes);
    }

    /** At most this many partners in a summary's counts by partner, the most active first. */
    static final int MAX_PARTNER_COUNTS = 1000;

    /**
     * A letter's verified signatures by partner, counted now (for keyed callers only, so never
     * kept): those each partner brought by its referral code and those it pushed; every partner with
     * any for the organiser ({@code onlyPartner} null), or just the one, with zeros too, for a partner.
     */
    public List<SummaryResponse.PartnerCount> byPartner(UUID letterId, UUID onlyPartner) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select partner_id, sum(referred), sum(pushed)
                from (select referral_partner_id as partner_id, 1 as referred, 0 as pushed from signatures
                      where letter_id = :letter and status = 'VERIFIED' and referral_partner_id is not null
                      union all
                      select source_partner_id, 0, 1 from signatures
                      where letter_id = :letter and status = 'VERIFIED' and source_partner_id is not null) as s
                where cast(:only as uuid) is null or partner_id = cast(:only as uuid)
                group by partner_id""")
                .setParameter("letter", letterId).setParameter("only", onlyPartner).getResultList();
        Map<UUID, long[]> counted = new HashMap<>();
        rows.forEach(r -> counted.put((UUID) r[0], new long[]{((Number) r[1]).longValue(), ((Number) r[2]).longValue()}));
        if (onlyPartner != null) {
            counted.putIfAbsent(onlyPartner, new long[2]); // a partner sees its own, zeros too
        }
        Map<UUID, PartnerService.Named> named = partners.named(counted.keySet());
        return counted.entrySet().stream().filter(e -> named.containsKey(e.getKey()))
                .map(e -> new SummaryResponse.PartnerCount(e.getKey(), named.get(e.getKey()).name(), named.get(e.getKey()).referralCode(),
                        e.getValue()[0], e.getValue()[1]))
                .sorted(Comparator.comparingLong((SummaryResponse.PartnerCount c) -> -(c.referred() + c.pushed()))
                        .thenComparing(SummaryResponse.PartnerCount::name).thenComparing(c -> c.partnerId().toString()))
                .limit(MAX_PARTNER_COUNTS).toList();
    }

    /** A letter's verified signatures by country or by language (table and column are constants of this class), most first. */
    private <C> List<C> countsBy(String table, String column, UUID letterId, BiFunction<String, Long, C> count) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + column + ", sum(signatures) as n from " + table
                        + " where letter_id = ?1 group by " + column + " having sum(signatures) > 0 order by n desc, " + column)
                .setParameter(1, letterId).getResultList();
        List<C> counts = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            counts.add(count.apply(row[0].toString(), ((Number) row[1]).longValue()));
        }
        return counts;
    }
}
