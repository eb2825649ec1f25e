package org.undersigned.campaign;

/** How a letter reached a recipient. */
public enum DeliveryMethod {
    EMAIL,
    POST,
    HAND,
    PORTAL,
    OTHER
}
