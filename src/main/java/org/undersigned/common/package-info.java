/**
 * What every feature shares and no feature owns: problems and their mapping to
 * {@code application/problem+json}, paging, ETags, idempotency, rate limits, request ids, the clock
 * and configuration. It knows no feature (ArchitectureTest).
 */
package org.undersigned.common;
