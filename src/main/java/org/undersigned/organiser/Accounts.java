package org.undersigned.organiser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.undersigned.common.Audited;
import org.undersigned.common.FieldNames;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.Access;
import org.undersigned.common.security.Actor;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.common.security.Organiser;
import org.undersigned.mail.MailOutbox;
import org.undersigned.mail.MailTemplates;
import org.undersigned.mail.OutgoingMail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Organisers' accounts. Signing in by email needs nothing else: a single-use link ({@code link-ttl})
 * mailed to any address that asks, the same answer whoever asks, at most {@value #LINKS_PER_HOUR} an
 * hour per address (counted under a lock on it); spending it opens a session ({@code session-ttl})
 * for the address's account, made on first sign-in.
 */
@ApplicationScoped
public class Accounts {

    static final int LINKS_PER_HOUR = 3;

    private final AccountStore store;
    private final OrganisationStore organisations;
    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final Access access;
    private final Event<Audited> audit;
    private final OrganisersConfig config;
    private final String linksBase;
    private final Clock clock;

    Accounts(AccountStore store, OrganisationStore organisations, MailOutbox outbox, MailTemplates templates, Access access,
             Event<Audited> audit, OrganisersConfig config,
             @ConfigProperty(name = "undersigned.links.base-url", defaultValue = "http://localhost:8080") String linksBase, Clock clock) {
        this.templates = templates;
        this.store = store;
        this.organisations = organisations;
        this.outbox = outbox;
        this.access = access;
        this.audit = audit;
        this.config = config;
        this.linksBase = linksBase.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** How an account is named to others: its chosen name, else a name that gives away no address. */
    static String display(AccountStore.AccountRow account) {
        return account.displayName() != null ? account.displayName() : "account " + account.id().toString().substring(0, 8);
    }

    @Transactional
    public void link(String email, String acceptLanguage) {
        String address = email.strip();
        String key = MailOutbox.emailKey(address);
        store.lockAddress(key);
        Instant now = now();
        if (store.linksSince(key, now.minus(Duration.ofHours(1))) >= LINKS_PER_HOUR) {
            return;
        }
        String token = Tokens.newToken();
        store.insertLink(Tokens.hash(token), address, key, now.plus(config.linkTtl()), now);
        // in the asker's language, as the page that asked shows it
        String language = MailTemplates.forAcceptLanguage(acceptLanguage);
        MailTemplates.Written written = templates.write("ACCOUNT_LINK", language,
                Map.of("minutes", Long.toString(config.linkTtl().toMinutes())),
                Map.of("account", linksBase + "/account?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        outbox.enqueue(List.of(new OutgoingMail("ACCOUNT_LINK", null, null, address, written, Map.of())));
    }

    /** Spends a sign-in link for a session; a link that is unknown, used or expired is a 404. */
    @Transactional
    public AccountSession session(String token) {
        Instant now = now();
        AccountStore.LinkedAddress address = store.spendLink(Tokens.hash(token), now).orElseThrow(() -> ProblemException.notFound(
                "This sign-in link is not valid, or it has expired or been used; ask for a new one."));
        UUID account = store.upsertByEmail(address.email(), address.emailKey(), now);
        return openSession(account, now);
    }

    /** A new session for an account whose address a spent link proved (a sign-in link's, or an invitation's). */
    @Transactional(Transactional.TxType.MANDATORY)
    AccountSession openSession(UUID account, Instant now) {
        String accessToken = ApiKeys.newKey(ApiKeys.ACCOUNT_SESSION_PREFIX);
        Instant expires = now.plus(config.sessionTtl());
        store.insertSession(Tokens.hash(accessToken), account, expires, now);
        audit.fire(Audited.of("account.signed_in", "account", account, actorOf(account)));
        return new AccountSession(accessToken, expires);
    }

    /** An account as the events of its changes name it, for a change made before its session exists. */
    Actor actorOf(UUID account) {
        return Actor.organiser(Organiser.account(account, display(store.byId(account).orElseThrow())));
    }

    /** Ends expired sessions and forgets links an hour after they stop counting. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "5m", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant now = now();
        store.purgeExpired(now, now.minus(Duration.ofHours(2)));
    }

    /** Ends the session the request was made with; a bearer token from an OIDC issuer has nothing here to end. */
    @Transactional
    public void signOut(String authorization) {
        String token = authorization == null || authorization.length() < 7 ? "" : authorization.substring(7).trim();
        if (token.startsWith(ApiKeys.ACCOUNT_SESSION_PREFIX) && store.deleteSession(Tokens.hash(token))) {
            audit.fire(Audited.of("account.signed_out", "account", me(), access.actor()));
        }
    }

    @Transactional
    public AccountResponse get() {
        return view(store.byId(me()).orElseThrow(() -> ProblemException.notFound("This account no longer exists.")));
    }

    @Transactional
    public AccountResponse update(AccountRequests.Update request) {
        UUID me = me();
        if (request.displayName() != null) {
            store.rename(me, request.displayName().strip(), now());
        }
        audit.fire(Audited.of("account.updated", "account", me, access.actor()).withFields(FieldNames.present(request)));
        return get();
    }

    /** The caller's account; a 403 for any other caller (an organisation's key has none). */
    UUID me() {
        Organiser organiser = access.organiser();
        if (organiser == null || organiser.isKey()) {
            throw ProblemException.forbidden("This needs an organiser's account: a session from a sign-in link, or an OIDC token.");
        }
        return organiser.accountId();
    }

    private AccountResponse view(AccountStore.AccountRow account) {
        return new AccountResponse(account.id(), account.email(), account.displayName(), organisations.membershipsOf(account.id()).stream()
                .map(m -> new AccountResponse.Membership(m.organisationId(), m.name(), m.role())).toList(), account.createdAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
