package org.undersigned.delivery;

/** How a letter reached a recipient. */
public enum DeliveryMethod {
    EMAIL,
    POST,
    HAND,
    PORTAL,
    OTHER
}
