package org.undersigned.signature;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import org.eclipse.microprofile.context.ManagedExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.undersigned.common.UndersignedConfig;
import org.undersigned.common.Vital;

import java.util.concurrent.RejectedExecutionException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The emails a signer receives: a link to confirm, and always a link to withdraw. */
@ApplicationScoped
public class SignatureMailer implements Vital {

    private static final Logger LOG = Logger.getLogger(SignatureMailer.class);

    @Inject
    Mailer mailer;

    @Inject
    ManagedExecutor executor;

    @Inject
    UndersignedConfig config;

    @Override
    public String name() {
        return "mail sender";
    }

    /** Emails are sent from the managed worker pool: dead once that pool refuses to take them. */
    @Override
    public boolean alive() {
        return !refused;
    }

    private volatile boolean refused;

    /** An email to send once the transaction that decided it has committed. */
    record Message(String to, String subject, String text) {
    }

    Message verification(String to, String signerName, String letterTitle, String verifyToken, String manageToken) {
        String text = """
                Hello %s,

                Someone, we hope you, signed the open letter "%s" with this address.
                To confirm your signature, open this link:

                %s

                Until you confirm, your signature is neither counted nor shown.
                If you did not sign, ignore this message and nothing will be published.

                You can withdraw your signature, and have your details erased, at any time:

                %s
                """.formatted(signerName, letterTitle, link("verify", verifyToken), link("withdraw", manageToken));
        return new Message(to, "Confirm your signature: " + letterTitle, text);
    }

    Message recorded(String to, String signerName, String letterTitle, String manageToken) {
        String text = """
                Hello %s,

                Your signature on the open letter "%s" has been recorded. Thank you.

                You can withdraw your signature, and have your details erased, at any time:

                %s
                """.formatted(signerName, letterTitle, link("withdraw", manageToken));
        return new Message(to, "Your signature: " + letterTitle, text);
    }

    Message response(String to, String signerName, SignatureUpdates.ResponseNews news, String unsubscribeToken) {
        String text = """
                Hello %s,

                %s responded to the open letter "%s", which you signed:

                %s
                %s
                You asked for news of this letter when you signed. To receive no more, open this link:

                %s
                """.formatted(signerName, news.recipientName(), news.letterTitle(), news.summary(),
                news.url() == null ? "" : "\nRead it in full: " + news.url() + "\n", link("unsubscribe", unsubscribeToken));
        return new Message(to, "A response to: " + news.letterTitle(), text);
    }

    /** Attempts per email: a stalled or refused SMTP session is given up (quarkus.mailer.timeout) and tried again. */
    static final int SEND_ATTEMPTS = 3;

    /**
     * Sends after commit, without holding the signer's request while the SMTP server answers. A
     * failure leaves the signature as it is: the signer can sign again to get another email.
     */
    void send(Message message) {
        try {
            sendAsync(message);
            refused = false;
        } catch (RejectedExecutionException e) {
            refused = true;
            LOG.errorf("The worker pool refused a signature email (%s)", message.subject());
        }
    }

    private void sendAsync(Message message) {
        executor.runAsync(() -> {
            for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
                try {
                    mailer.send(Mail.withText(message.to(), message.subject(), message.text()));
                    return;
                } catch (RuntimeException e) {
                    // never log the address: it is personal data
                    LOG.warnf("Could not send a signature email (%s), attempt %d of %d: %s", message.subject(), attempt,
                            SEND_ATTEMPTS, e.getClass().getSimpleName());
                }
            }
        });
    }

    private String link(String page, String token) {
        String base = config.links().baseUrl().replaceAll("/+$", "");
        return base + "/" + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
