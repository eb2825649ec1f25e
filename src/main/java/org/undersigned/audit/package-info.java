/**
 * The audit log: one entry per write, appended in the write's transaction from the change events
 * (a letter's, signatures', and {@code Audited} for everything else), and one per use of the
 * operator's key. Who ({@code actor}), what ({@code action}, {@code target}, the names of the fields
 * set), when, in which request; never a value, never a signer's personal data. The table refuses
 * UPDATE, DELETE and TRUNCATE in the database; only the retention job removes entries, past its age.
 */
package org.undersigned.audit;
