package org.undersigned.signature;

import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.undersigned.mail.MailOutbox;
import org.undersigned.mail.MailTemplates;
import org.undersigned.mail.OutgoingMail;

/**
 * The emails a signer receives (a link to confirm, and always a link to withdraw; news they asked
 * for, with a link to stop it), written to the mail outbox in the transaction that decides them and
 * sent from there ({@code MailDispatcher}): a crash after the commit loses none.
 */
@ApplicationScoped
public class SignatureMailer {

    /** The purposes of the self-proving links in emails: stop the news, and "it wasn't me". */
    public static final String UNSUBSCRIBE = "updates";
    public static final String NOT_ME = "not-me";

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final LinksConfig linksConfig;
    private final SelfTokens tokens;

    SignatureMailer(MailOutbox outbox, MailTemplates templates, LinksConfig linksConfig, SelfTokens tokens) {
        this.templates = templates;
        this.linksConfig = linksConfig;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /** What a response email tells: the letter, who answered, what, and where to read it. */
    public record ResponseNews(String letterTitle, String recipientName, String summary, String url) {
    }

    /** An email for a signer, as written, and what kind it is (the outbox keeps the kind once the address and text are gone). */
    public record Message(String kind, UUID signatureId, String to, MailTemplates.Written written, Map<String, String> headers) {

        /** The email as the outbox takes it, about a letter. */
        public OutgoingMail outgoing(UUID letterId) {
            return new OutgoingMail(kind, letterId, signatureId, to, written, headers);
        }
    }

    /** The emails a change sends (a new signer's links), written with it. */
    void changed(@Observes(during = TransactionPhase.IN_PROGRESS) @Priority(SignaturesChanged.Order.MAIL) SignaturesChanged change) {
        if (!change.mails().isEmpty()) {
            enqueue(change.mails(), Collections.nCopies(change.mails().size(), change.letterId()));
        }
    }

    /** Writes signers' emails to the outbox, each with its letter, in the caller's transaction. */
    public void enqueue(List<Message> messages, List<UUID> letterIds) {
        List<OutgoingMail> mails = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            mails.add(messages.get(i).outgoing(letterIds.get(i)));
        }
        outbox.enqueue(mails);
    }

    /*
     * The confirmation and the "recorded" email go to an address nobody has proven yet: they carry
     * no text the signer chose (not even the name, which could be a message to a stranger); only the
     * organiser's title (in the signer's language where the letter has it) and the service's own links.
     * Every email is in the language the signature was made in (MailTemplates: English beyond the ten).
     */
    public Message verification(UUID signatureId, String to, String letterTitle, String language, String verifyToken,
                                String manageToken) {
        return new Message("VERIFICATION", signatureId, to, templates.write("VERIFICATION", language, Map.of("title", letterTitle),
                links(signatureId, "verify", link("verify", verifyToken), "withdraw", link("withdraw", manageToken))), Map.of());
    }

    public Message recorded(UUID signatureId, String to, String letterTitle, String language, String manageToken) {
        return new Message("RECORDED", signatureId, to, templates.write("RECORDED", language, Map.of("title", letterTitle),
                links(signatureId, "withdraw", link("withdraw", manageToken))), Map.of());
    }

    public Message response(String to, String signerName, String language, ResponseNews news, UUID signatureId) {
        String token = tokens.issue(UNSUBSCRIBE, signatureId);
        String unsubscribe = link("unsubscribe", token);
        Map<String, String> values = Map.of("name", signerName, "recipient", news.recipientName(), "title", news.letterTitle(),
                "summary", news.summary());
        MailTemplates.Written written = templates.write("RESPONSE", language, values,
                links(signatureId, "unsubscribe", unsubscribe, "read", news.url() == null ? "" : news.url()));
        // news goes to many signers: a mailbox offers its own button, which POSTs to the link (RFC 8058), or mails the service
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">" + linksConfig.unsubscribeMailto()
                // the subject carries the token: whoever reads that mailbox POSTs it to /v1/signatures/unsubscribe
                .map(address -> ", <mailto:" + address + "?subject=unsubscribe%20" + URLEncoder.encode(token, StandardCharsets.UTF_8) + ">")
                .orElse(""));
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Message("RESPONSE", signatureId, to, written, headers);
    }

    /**
     * The portal's link, to an address, in the language of the page that asked: the same email whether it
     * signed anything or not (then it says so), so that asking tells nothing about anyone.
     */
    public void portalLink(String to, String token, boolean signed, Duration linkLife, String language) {
        MailTemplates.Written written = signed
                ? templates.write("PORTAL", language, Map.of("minutes", Long.toString(linkLife.toMinutes())), Map.of("me", link("me", token)))
                : templates.write("PORTAL_NONE", language, Map.of(), Map.of());
        outbox.enqueue(List.of(new OutgoingMail("PORTAL", null, null, to, written, Map.of())));
    }

    /** An email's links, and the "it was not me" link that ends every email to a signer. */
    private Map<String, String> links(UUID signatureId, String... namesAndLinks) {
        Map<String, String> links = new LinkedHashMap<>();
        for (int i = 0; i < namesAndLinks.length; i += 2) {
            links.put(namesAndLinks[i], namesAndLinks[i + 1]);
        }
        links.put("not_me", link("not-me", tokens.issue(NOT_ME, signatureId)));
        return links;
    }

    private String link(String page, String token) {
        String base = linksConfig.baseUrl().replaceAll("/+$", "");
        return base + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
