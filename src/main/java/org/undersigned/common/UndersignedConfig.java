package org.undersigned.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.time.Duration;
import java.util.List;

/** The service's own settings, under {@code undersigned.*} (environment: {@code UNDERSIGNED_*}). */
@ConfigMapping(prefix = "undersigned")
public interface UndersignedConfig {

    /** The organiser's admin key ({@code UNDERSIGNED_ADMIN_KEY}); without it no admin call succeeds. */
    Optional<String> adminKey();

    /**
     * The key of the service's keyed hashes: the links in emails (derived from it, so that a reminder
     * re-sends the same link rather than replacing it) and the hashes of client addresses. At least
     * 32 characters; every instance must share it. Without it the first instance makes one and keeps
     * it in the database, which a copy of the database then carries too: set it in production.
     */
    Optional<String> secret();


    Cors cors();



    interface Cors {
        /**
         * Origins (scheme://host[:port], comma-separated) whose pages may call with a key. Public reads
         * and public signing are open to every origin whatever this says. Empty by default.
         */
        Optional<List<String>> origins();
    }

    Limits limits();





    RateLimits rateLimits();


    Caching caching();

    Mail mail();

    ReadReplica readReplica();

    /** A streaming standby for some public reads ({@link ReplicaReads}). */
    interface ReadReplica {
        /** Its JDBC URL (the primary's user and password); unset, every read goes to the primary. */
        Optional<String> url();

        /** Reads go to the primary while the standby is further behind than this. */
        @WithDefault("10S")
        Duration maxLag();

        /** How often the primary's position is noted and the standby measured against it. */
        @WithDefault("1S")
        Duration checkInterval();
    }

    interface Mail {
        /**
         * SMTP connections the mail dispatcher sends over at once, each carrying message after message
         * (the mailer's pool, {@code quarkus.mailer.max-pool-size}, is this).
         */
        @WithDefault("16")
        int connections();
    }

    interface Caching {
        /**
         * The longest an instance keeps a public letter, a summary or a letter's signing facts in
         * memory. Changes through any instance clear what they touch as they commit (the change
         * signal); this bound only limits what a change made behind the service's back can hide.
         */
        @WithDefault("60S")
        Duration letterTtl();

        /** Letters kept at most (by letter and language asked for); beyond it the memory starts afresh. */
        @WithDefault("10000")
        int letterEntries();

        /** How long a browser may keep a public read (a letter, its summary, page, badge...) before it revalidates: {@code max-age}. */
        @WithDefault("5S")
        Duration publicMaxAge();

        /** How long a shared cache in front (a CDN, a reverse proxy) may keep one: {@code s-maxage}. */
        @WithDefault("5S")
        Duration sharedMaxAge();

        /** How long past that a cache may still answer with it while it revalidates: {@code stale-while-revalidate}. */
        @WithDefault("30S")
        Duration staleWhileRevalidate();
    }


    /**
     * Requests a minute, per client address (anonymous callers) or per key, by class of cost
     * ({@link RateLimited.Cost}). Each budget holds across every instance.
     */
    interface RateLimits {
        /** Public signatures (and a signer's token uses) per client address. */
        @WithDefault("30")
        int publicSigningPerMinute();

        /** Signing requests (single or bulk) per partner key. */
        @WithDefault("600")
        int partnerSigningPerMinute();

        /** Signing requests (single or bulk) with the admin key. */
        @WithDefault("6000")
        int adminSigningPerMinute();

        /** Anonymous reads per client address. */
        @WithDefault("1200")
        int readsPerMinute();

        /** Reads per key. */
        @WithDefault("6000")
        int keyedReadsPerMinute();

        /** Anonymous document renderings per client address (a kept rendering counts too). */
        @WithDefault("30")
        int documentsPerMinute();

        /** Document renderings per key. */
        @WithDefault("120")
        int keyedDocumentsPerMinute();

        /** Signature exports per key. */
        @WithDefault("20")
        int exportsPerMinute();

        /** Other anonymous writes per client address. */
        @WithDefault("60")
        int writesPerMinute();

        /** Other writes per key. */
        @WithDefault("1200")
        int keyedWritesPerMinute();
    }

    interface Limits {
        /** The largest request body a JSON operation accepts, in bytes. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** The largest body of a bulk push (up to 10,000 rows), in bytes. */
        @WithDefault("16777216")
        long maxBulkBodyBytes();

        /**
         * The longest request target (path and query) answered, in bytes; a longer one is a 414
         * problem. The HTTP layer's own cap (quarkus.http.limits.max-initial-line-length, 64 KiB) is
         * far above it, since what it refuses gets a bare 414 with no problem document.
         */
        @WithDefault("8192")
        int maxUriLength();

        /**
         * Requests in progress at once from one client address (summary streams included); beyond
         * them the connection is closed. Behind a proxy every client shares the proxy's address:
         * raise it there.
         */
        @WithDefault("64")
        int requestsPerClient();

        /** How long a request body may take to arrive in full; then a 408 problem, and the connection is closed. */
        @WithDefault("30S")
        Duration bodyTimeout();

        /**
         * How long a request's line and headers may take to arrive, from the connection's opening or
         * from the first byte after the previous answer, whatever trickles in; then the connection is
         * closed.
         */
        @WithDefault("10S")
        Duration headerTimeout();

        /**
         * Connections open at once from one client; a connection beyond them is closed as it opens.
         * Behind a proxy every client shares the proxy's address: raise it there.
         */
        @WithDefault("256")
        int connectionsPerClient();

        /**
         * Connections open at once on the public port in all; a connection beyond them is closed as it
         * opens. The service lowers it to three quarters of the process's open-file limit (less a
         * reserve for the database, files and the management port), so that a flood never leaves the
         * process unable to open a file: raise that limit ({@code ulimit -n}) to what this needs.
         */
        @WithDefault("30000")
        int maxConnections();

        /**
         * How much of an IPv6 address names one client for every per-client budget (requests in
         * progress, connections, streams, rate limits): a /64 is what one subscriber is usually given.
         * IPv4 clients are their address.
         */
        @WithDefault("64")
        int ipv6PrefixLength();
    }
}
