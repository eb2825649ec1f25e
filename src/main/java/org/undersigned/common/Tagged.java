package org.undersigned.common;

import jakarta.ws.rs.core.EntityTag;

/** A representation with the ETag that identifies it. */
public record Tagged<T>(T body, EntityTag etag) {
}
