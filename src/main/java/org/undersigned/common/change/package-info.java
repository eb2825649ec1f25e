/**
 * The change signal: writes publish {@link org.undersigned.common.change.LetterChange}s in their
 * transaction; they reach this instance after commit (CDI, {@code AFTER_SUCCESS}) and every other
 * instance through PostgreSQL LISTEN/NOTIFY. Every cache is a
 * {@link org.undersigned.common.change.LetterCache} emptied by these changes alone.
 */
package org.undersigned.common.change;
