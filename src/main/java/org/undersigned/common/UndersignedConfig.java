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

    Demo demo();

    Cors cors();

    Blocklist blocklist();

    Signals signals();

    /**
     * Bursts shown to the organiser (/v1/letters/{letter}/signals, the letter.signals_raised event):
     * an email domain or a client address range whose share of a letter's public signatures within
     * {@code window} is at least {@code minShare}, with at least {@code minSignatures} signatures, and
     * at least {@code factor} times its usual share over the {@code baseline} before the window.
     */
    interface Signals {
        @WithDefault("1H")
        Duration window();

        @WithDefault("7D")
        Duration baseline();

        @WithDefault("20")
        int minSignatures();

        @WithDefault("0.1")
        double minShare();

        @WithDefault("5")
        double factor();

        /** Providers so many people use that a burst from them says nothing; never a signal. */
        @WithDefault("gmail.com,googlemail.com,outlook.com,hotmail.com,live.com,msn.com,yahoo.com,icloud.com,me.com,aol.com,"
                + "proton.me,protonmail.com,gmx.de,gmx.net,web.de,t-online.de,orange.fr,free.fr,laposte.net,yandex.ru,mail.ru,"
                + "naver.com,daum.net,hanmail.net,qq.com,163.com,126.com")
        List<String> exemptDomains();

        /** How often each instance looks for new bursts on the open letters (at most 500 a run) and raises them. */
        @WithDefault("1M")
        Duration interval();
    }

    interface Blocklist {
        /**
         * A file of more disposable email domains (one a line, {@code .gz} allowed), on top of the
         * shipped list; a public signature from any of them is a 422 problem.
         */
        Optional<String> disposableDomainsFile();

        /** How often an instance rereads the organiser's blocklist, to see what other instances changed. */
        @WithDefault("10S")
        Duration refresh();
    }

    interface Cors {
        /**
         * Origins (scheme://host[:port], comma-separated) whose pages may call with a key. Public reads
         * and public signing are open to every origin whatever this says. Empty by default.
         */
        Optional<List<String>> origins();
    }

    Limits limits();

    Links links();

    Webhooks webhooks();

    Ledger ledger();

    Document document();

    interface Document {
        /**
         * A TrueType font for PDFs of letters in scripts the bundled DejaVu Serif does not cover
         * (a CJK font, for one); it comes first in the font stack as 'Letter Font'.
         */
        Optional<String> fontFile();

        /**
         * PDFs typeset at once by an instance. Laying one out takes CPU and heap in proportion to its
         * signatories (measured: about 2.5 KB each, so some 250 MB for 100,000); the heap must hold
         * this many of the largest letter's. Text, Markdown and HTML take four times as many slots of
         * their own. A request that finds every slot busy waits at most {@link #renderWait}, then gets a
         * 503 with Retry-After.
         */
        @WithDefault("1")
        int maxConcurrentRenderings();

        /**
         * How long a request waits for a rendering slot, or for the same rendering another request
         * started, before a 503 with Retry-After: a few seconds, so that nobody is held behind a long
         * rendering (the client asks again, and a finished rendering is kept for it).
         */
        @WithDefault("5S")
        Duration renderWait();

        /**
         * Signatories typeset per part of a PDF: a long list is laid out part after part into one
         * document whose pages live in a temporary file, so that memory stays bounded whatever the count.
         */
        @WithDefault("1500")
        int pdfPartSize();

        /** Renderings kept in memory (emptied by the change signal), and the largest one kept. */
        @WithDefault("32")
        int cacheEntries();

        @WithDefault("4194304")
        int cacheEntryMaxBytes();
    }

    RateLimits rateLimits();

    Signing signing();

    Caching caching();

    interface Caching {
        /**
         * The longest an instance keeps a public letter, a summary or a letter's signing facts in
         * memory. Changes through any instance clear what they touch as they commit (the change
         * signal); this bound only limits what a change made behind the service's back can hide.
         */
        @WithDefault("60S")
        Duration letterTtl();

        /** LetterDirectory kept at most (by letter and language asked for); beyond it the memory starts afresh. */
        @WithDefault("10000")
        int letterEntries();
    }

    /** Live summary streams (server-sent events). */
    Streams streams();

    interface Streams {
        /** Open streams one client (an IPv4 address, an IPv6 /64) may hold on one instance. */
        @WithDefault("5")
        int perClient();

        /**
         * Open streams one network (an IPv4 /24, an IPv6 /48) may hold on one instance, so that no
         * small set of addresses takes every place.
         */
        @WithDefault("100")
        int perNetwork();

        /**
         * Open streams on one instance in all. The last tenth of the places goes only to clients
         * holding none, so that a new reader still gets one while others hold many.
         */
        @WithDefault("20000")
        int max();

        /** At most one event a letter in this time: a burst of signatures makes one event. */
        @WithDefault("250MS")
        Duration coalesce();

        /** A comment line this often keeps proxies from closing an idle stream. */
        @WithDefault("15S")
        Duration heartbeat();
    }

    interface Signing {
        /**
         * Group commit: concurrent signatures are written together, this many at most a
         * transaction, by this many writers. A writer takes whatever has gathered; when it found
         * company it lingers this long for more (0: never). Each signer is answered after the commit
         * that holds their row. One writer by default: on 2 cores it wrote more signatures a second
         * than two or four (bin/bench; more writers make smaller batches that contend on the counters).
         */
        @WithDefault("500")
        int batchMax();

        @WithDefault("1")
        int writers();

        @WithDefault("0MS")
        Duration linger();

        /**
         * Signatures that may wait for a writer; beyond them a signer gets a 503 with Retry-After
         * at once instead of a growing wait.
         */
        @WithDefault("4096")
        int queueMax();

        /**
         * How long a signer waits for the commit that holds their row before a 503 (a stuck lock, a
         * frozen database). The row may still be written after it; signing again is then a duplicate.
         */
        @WithDefault("30S")
        Duration commitWait();

        /**
         * Proof of work (letters with {@code signing_challenge: PROOF_OF_WORK}): the largest number
         * a challenge hides. A browser tries half of them on average, about a second at the default.
         */
        @WithDefault("100000")
        long challengeMaxNumber();

        /** How long a challenge may be solved and used. */
        @WithDefault("10M")
        Duration challengeTtl();
    }

    interface Ledger {
        /** How often the heads that moved are announced as ledger.checkpoint (a scheduler expression). */
        @WithDefault("1h")
        String checkpointInterval();
    }

    interface Webhooks {
        /** Hosts a webhook may name even though they resolve to internal addresses (tests: 127.0.0.1). */
        Optional<List<String>> allowedHosts();

        /** The first retry waits about this long; each next one twice as long, with jitter. */
        @WithDefault("10S")
        Duration retryBase();

        @WithDefault("6H")
        Duration retryMax();

        /** Attempts before a delivery is given up as FAILED. */
        @WithDefault("12")
        int maxAttempts();

        @WithDefault("10S")
        Duration timeout();

        /** How often the dispatcher looks for due deliveries. */
        @WithDefault("1s")
        String pollInterval();
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

    interface Links {
        /**
         * Where the campaign's pages live: emails link to {@code <base-url>/verify?token=…} and
         * {@code <base-url>/withdraw?token=…}, pages that POST the token to the API.
         */
        @WithDefault("http://localhost:8080")
        String baseUrl();
    }

    interface Demo {
        /** Loads the demo letter at start-up; {@code bin/run} and dev mode only. */
        @WithDefault("false")
        boolean enabled();
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
