package org.undersigned.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.undersigned.common.Page;
import org.undersigned.common.Query;
import org.undersigned.letter.LetterService;
import org.undersigned.mail.EmailRecord;
import org.undersigned.mail.MailOutbox;
import org.undersigned.mail.MailState;

/** A letter's emails as the organiser follows them. */
@ApplicationScoped
class LetterEmails {

    private final LetterService letters;
    private final MailOutbox outbox;

    LetterEmails(LetterService letters, MailOutbox outbox) {
        this.letters = letters;
        this.outbox = outbox;
    }

    @Transactional
    public Page<EmailRecord> list(String letterKey, MailState state, Query.PageRequest page) {
        return outbox.list(letters.visible(letterKey).id(), state, page);
    }
}
