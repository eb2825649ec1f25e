/**
 * The mail outbox: emails written in the transaction that decides them, sent by a dispatcher with
 * retries and backoff, their address and text erased once sent or given up. Uses {@code common}.
 */
package org.undersigned.mail;
