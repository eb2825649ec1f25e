/**
 * Webhooks: subscriptions, the transactional outbox, the dispatcher (at least once, with backoff)
 * and the guard against internal addresses. Uses {@code letter}.
 */
package org.undersigned.webhook;
