/**
 * Security at the door: API keys authenticated by a Quarkus {@code HttpAuthenticationMechanism} and
 * identity provider (the modules that issue keys say who holds them: {@link org.undersigned.common.security.KeyHolders});
 * each operation's permission ({@link org.undersigned.common.security.Requires}, from the one table in
 * {@link org.undersigned.common.security.Permission}) enforced before a body is read
 * ({@link org.undersigned.common.security.Door}); and {@link org.undersigned.common.security.Access}, which services ask
 * how far the caller holds a permission, and who is acting ({@link org.undersigned.common.security.Actor}).
 */
package org.undersigned.common.security;
