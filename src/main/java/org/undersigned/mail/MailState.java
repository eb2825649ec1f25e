package org.undersigned.mail;

/** Where an email stands: waiting to be sent (or retried), sent, or given up after every attempt. */
public enum MailState {
    PENDING, SENT, FAILED
}
