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
    private final LinksConfig linksConfig;
    private final SelfTokens tokens;

    SignatureMailer(MailOutbox outbox, LinksConfig linksConfig, SelfTokens tokens) {
        this.linksConfig = linksConfig;
        this.outbox = outbox;
        this.tokens = tokens;
    }

    /** What a response email tells: the letter, who answered, what, and where to read it. */
    public record ResponseNews(String letterTitle, String recipientName, String summary, String url) {
    }

    /** An email for a signer, and what kind it is (the outbox keeps the kind once the address and text are gone). */
    public record Message(String kind, UUID signatureId, String to, String subject, String text, Map<String, String> headers) {

        public Message(String kind, UUID signatureId, String to, String subject, String text) {
            this(kind, signatureId, to, subject, text, Map.of());
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
            Message m = messages.get(i);
            mails.add(new OutgoingMail(m.kind(), letterIds.get(i), m.signatureId(), m.to(), m.subject(), m.text(), null, m.headers()));
        }
        outbox.enqueue(mails);
    }

    /*
     * The confirmation and the "recorded" email go to an address nobody has proven yet: they carry
     * no text the signer chose (not even the name, which could be a message to a stranger); only the
     * organiser's title and the service's own links.
     */
    public Message verification(UUID signatureId, String to, String letterTitle, String verifyToken, String manageToken) {
        String text = """
                Hello,

                Someone, we hope you, signed the open letter "%s" with this address.
                To confirm your signature, open this link:

                %s

                Until you confirm, your signature is neither counted nor shown.
                If you did not sign, ignore this message and nothing will be published.

                You can withdraw your signature, and have your details erased, at any time:

                %s
                """.formatted(letterTitle, link("verify", verifyToken), link("withdraw", manageToken)) + notMe(signatureId);
        return new Message("VERIFICATION", signatureId, to, "Confirm your signature: " + letterTitle, text);
    }

    public Message recorded(UUID signatureId, String to, String letterTitle, String manageToken) {
        String text = """
                Hello,

                Your signature on the open letter "%s" has been recorded. Thank you.

                You can withdraw your signature, and have your details erased, at any time:

                %s
                """.formatted(letterTitle, link("withdraw", manageToken)) + notMe(signatureId);
        return new Message("RECORDED", signatureId, to, "Your signature: " + letterTitle, text);
    }

    public Message response(String to, String signerName, ResponseNews news, UUID signatureId) {
        String unsubscribe = link("unsubscribe", tokens.issue(UNSUBSCRIBE, signatureId));
        String text = """
                Hello %s,

                %s responded to the open letter "%s", which you signed:

                %s
                %s
                You asked for news of this letter when you signed. To receive no more, open this link:

                %s
                """.formatted(signerName, news.recipientName(), news.letterTitle(), news.summary(),
                news.url() == null ? "" : "\nRead it in full: " + news.url() + "\n", unsubscribe)
                + notMe(signatureId);
        // news goes to many signers: a mailbox offers its own button, which POSTs to the link (RFC 8058)
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new Message("RESPONSE", signatureId, to, "A response to: " + news.letterTitle(), text, headers);
    }

    /**
     * The portal's link, to an address: the same email whether it signed anything or not (then it
     * says so), so that asking tells nothing about anyone.
     */
    public void portalLink(String to, String token, boolean signed, Duration linkLife) {
        String text = signed ? """
                Hello,

                Someone, we hope you, asked to see the signatures made with this address. This link opens
                them, once, for the next %d minutes:

                %s

                If you did not ask, ignore this message.
                """.formatted(linkLife.toMinutes(), link("me", token)) : """
                Hello,

                Someone, we hope you, asked to see the signatures made with this address. None is recorded
                with it. If you did not ask, ignore this message.
                """;
        outbox.enqueue(List.of(new OutgoingMail("PORTAL", null, null, to, "Your signatures", text)));
    }

    /** The end of every email to a signer: for the owner of an address someone else signed with. */
    private String notMe(UUID signatureId) {
        return "\nNot you? Tell us with this link; the signature is set aside and we will not email this address about"
                + " this letter again:\n\n" + link("not-me", tokens.issue(NOT_ME, signatureId)) + "\n";
    }

    private String link(String page, String token) {
        String base = linksConfig.baseUrl().replaceAll("/+$", "");
        return base + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
