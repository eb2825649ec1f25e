/**
 * Security at the door: API keys authenticated by a Quarkus {@code HttpAuthenticationMechanism} and
 * identity provider, roles enforced from the resources' {@code @RolesAllowed} before a body is read
 * ({@link org.undersigned.common.security.Door}), and the {@link org.undersigned.common.security.Caller}
 * services read to know what a partner may see of its own.
 */
package org.undersigned.common.security;
