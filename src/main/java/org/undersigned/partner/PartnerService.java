package org.undersigned.partner;

import org.undersigned.letter.LetterDirectory;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.undersigned.common.Audited;
import org.undersigned.common.FieldNames;
import org.undersigned.common.Ids;
import jakarta.enterprise.event.Event;
import org.undersigned.common.security.Access;
import org.undersigned.common.Page;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;
import org.undersigned.common.Tokens;
import org.undersigned.common.security.ApiKeys;
import org.undersigned.letter.LetterFacts;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import jakarta.persistence.LockModeType;

/** Partners and their keys: the organiser's business only. */
@ApplicationScoped
public class PartnerService {

    private final Clock clock;
    private final LetterDirectory letterFacts;
    private final Access access;
    private final Event<Audited> audit;

    PartnerService(Clock clock, LetterDirectory letterFacts, Access access, Event<Audited> audit) {
        this.letterFacts = letterFacts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    static final int MAX_LETTERS = 1000;
    /** Two live keys let a partner rotate: issue the new one, deploy it, revoke the old. */
    static final int MAX_LIVE_KEYS = 2;
    static final int KEY_PREFIX_LENGTH = 12;
    /** A code short enough for a link, in lower-case letters, digits and inner hyphens. */
    public static final String REFERRAL_CODE_PATTERN = "^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$";
    public static final String REFERRAL_CODE_MESSAGE = "must be 3 to 40 lower-case letters, digits or hyphens, starting and ending with a letter or digit";
    private static final String CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();


    @Transactional
    public Tagged<PartnerResponse> create(CreatePartnerRequest request) {
        Instant now = now();
        Partner partner = new Partner();
        partner.id = UUID.randomUUID();
        partner.name = request.name().strip();
        partner.contactName = request.contactName();
        partner.contactEmail = request.contactEmail();
        partner.referralCode = request.referralCode() == null ? newReferralCode() : requireFreeCode(request.referralCode(), null);
        partner.allOpenLetters = Boolean.TRUE.equals(request.allOpenLetters());
        partner.letterIds = resolveLetters(request.letters() == null ? List.of() : request.letters());
        partner.createdAt = now;
        partner.updatedAt = now;
        partner.persistAndFlush();
        audited("partner.created", partner.id, FieldNames.present(request));
        return view(partner);
    }

    @Transactional
    public Page<PartnerResponse> list(Query.PageRequest page) {
        int limit = page.size();
        Paging.Cursor cursor = page.cursor();
        List<Partner> rows = cursor == null
                ? Partner.<Partner>find("order by createdAt, id").range(0, limit).list()
                : Partner.<Partner>find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                cursor.instant(), cursor.id()).range(0, limit).list();
        return Paging.page(rows, limit, PartnerResponse::from, p -> Paging.Cursor.after(p.createdAt, p.id));
    }

    @Transactional
    public Tagged<PartnerResponse> get(String id) {
        return view(find(id));
    }

    @Transactional
    public Tagged<PartnerResponse> update(String id, UpdatePartnerRequest request, String ifMatch) {
        Partner partner = find(id);
        Preconditions.checkIfMatch(ifMatch, version(partner));
        if (request.name() != null) partner.name = request.name().orElseThrow().strip();
        if (request.contactName() != null) partner.contactName = request.contactName().orElse(null);
        if (request.contactEmail() != null) partner.contactEmail = request.contactEmail().orElse(null);
        if (request.referralCode() != null) partner.referralCode = requireFreeCode(request.referralCode().orElseThrow(), partner.id);
        if (request.allOpenLetters() != null) partner.allOpenLetters = request.allOpenLetters().orElseThrow();
        if (request.letters() != null) partner.letterIds = resolveLetters(request.letters().orElseThrow());
        partner.updatedAt = now();
        Partner.flush();
        audited("partner.updated", partner.id, FieldNames.present(request));
        return view(partner);
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        Partner partner = find(id);
        Preconditions.checkIfMatch(ifMatch, version(partner));
        partner.delete();
        audited("partner.deleted", partner.id, List.of());
    }

    @Transactional
    public IssuedKeyResponse issueKey(String partnerId) {
        Partner partner = Partner.findById(find(partnerId).id, LockModeType.PESSIMISTIC_WRITE);
        long live = PartnerKey.count("partnerId = ?1 and revokedAt is null", partner.id);
        if (live >= MAX_LIVE_KEYS) {
            throw ProblemException.conflict("too-many-keys", "A partner has at most " + MAX_LIVE_KEYS
                    + " live keys; revoke one before issuing another.");
        }
        String secret = ApiKeys.newPartnerKey();
        PartnerKey key = new PartnerKey();
        key.id = UUID.randomUUID();
        key.partnerId = partner.id;
        key.prefix = secret.substring(0, KEY_PREFIX_LENGTH);
        key.keyHash = Tokens.hash(secret);
        key.createdAt = now();
        key.persist();
        audited("partner.key_issued", partner.id, List.of());
        return new IssuedKeyResponse(key.id, key.prefix, secret, key.createdAt);
    }

    @Transactional
    public Page<PartnerKeyResponse> keys(String partnerId) {
        Partner partner = find(partnerId);
        return Page.complete(PartnerKey.<PartnerKey>list("partnerId = ?1 order by createdAt, id", partner.id)
                .stream().map(PartnerKeyResponse::from).toList());
    }

    @Transactional
    public void revokeKey(String partnerId, String keyId) {
        Partner partner = find(partnerId);
        UUID id = Ids.parse(keyId);
        PartnerKey key = id == null ? null : PartnerKey.findById(id);
        if (key == null || !key.partnerId.equals(partner.id)) {
            throw ProblemException.notFound("This partner has no key with that id.");
        }
        if (key.revokedAt == null) {
            key.revokedAt = now();
            audited("partner.key_revoked", partner.id, List.of());
        }
    }

    /**
     * The partner an organisation is (same id, same name): what its members push or bring on the
     * letters it holds PARTNER on is counted as this partner's. It has no keys of its own here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createForOrganisation(UUID organisationId, String name) {
        Instant now = now();
        Partner partner = new Partner();
        partner.id = organisationId;
        partner.name = name;
        partner.referralCode = newReferralCode();
        partner.createdAt = now;
        partner.updatedAt = now;
        partner.persist();
    }

    /** An organisation renamed: its partner too. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void renameOrganisation(UUID organisationId, String name) {
        Partner partner = Partner.findById(organisationId);
        if (partner != null) {
            partner.name = name;
            partner.updatedAt = now();
        }
    }

    /** An organisation's PARTNER role on a letter given or taken: the partner may push to it, and hears of it, or no longer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void allowLetter(UUID partnerId, UUID letterId, boolean allowed) {
        Partner partner = Partner.findById(partnerId);
        if (partner != null && (allowed ? partner.letterIds.add(letterId) : partner.letterIds.remove(letterId))) {
            partner.updatedAt = now();
        }
    }

    /** Whether the partner (the one behind a key) may push signatures to this letter; false when there is no such partner. */
    @Transactional
    public boolean mayPushTo(UUID partnerId, UUID letterId) {
        Partner partner = partnerId == null ? null : Partner.findById(partnerId);
        return partner != null && partner.mayPushTo(letterId);
    }

    /**
     * The partner's table lent as a subquery, for a statement that must stay one round trip (the
     * batch insert of signatures): the id of the partner whose referral code is {@code codeExpression}
     * (an SQL expression), or null. The partners' table is read here only, in its module's text.
     */
    public static String partnerOfReferralCode(String codeExpression) {
        return "(select p.id from partners p where p.referral_code = " + codeExpression + ")";
    }

    /** A partner as others name it: its name and public referral code. */
    public record Named(String name, String referralCode) {
    }

    /** The names and referral codes of these partners (those that exist), by id. */
    public Map<UUID, Named> named(Collection<UUID> partnerIds) {
        Map<UUID, Named> named = new HashMap<>();
        if (!partnerIds.isEmpty()) {
            Partner.<Partner>list("id in ?1", List.copyOf(partnerIds)).forEach(p -> named.put(p.id, new Named(p.name, p.referralCode)));
        }
        return named;
    }

    /** A referral code no other partner has (else 409): a signer's {@code via} names exactly one partner. */
    private static String requireFreeCode(String code, UUID ownId) {
        Partner holder = Partner.find("referralCode", code).firstResult();
        if (holder != null && !holder.id.equals(ownId)) {
            throw ProblemException.conflict("referral-code-taken", "Another partner already uses the referral code '" + code + "'.");
        }
        return code;
    }

    /** Ten characters from an alphabet without look-alikes (no l, o, 0, 1): about 50 bits, never guessed by chance. */
    private static String newReferralCode() {
        StringBuilder code = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private Set<UUID> resolveLetters(List<String> keys) {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int index = i;
            LetterFacts letter = letterFacts.byKey(key)
                    .orElseThrow(() -> ProblemException.invalid("letters[" + index + "]", "names no letter"));
            ids.add(letter.id());
        }
        return ids;
    }

    private void audited(String action, UUID partnerId, List<String> fields) {
        audit.fire(Audited.of(action, "partner", partnerId, access.actor()).withFields(fields));
    }

    private static Partner find(String id) {
        UUID uuid = Ids.parse(id);
        Partner partner = uuid == null ? null : Partner.findById(uuid);
        if (partner == null) {
            throw ProblemException.notFound("No partner with that id.");
        }
        return partner;
    }

    private static Tagged<PartnerResponse> view(Partner partner) {
        return new Tagged<>(PartnerResponse.from(partner), version(partner));
    }

    private static String version(Partner partner) {
        return Preconditions.version("P" + partner.revision);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
