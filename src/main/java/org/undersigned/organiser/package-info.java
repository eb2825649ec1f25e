/**
 * Organisers: people's accounts (signed in by an emailed link or an OIDC token), the organisations
 * they belong to (members, invitations, machine keys), and the roles organisations hold on letters
 * (grants and join requests). It answers the access policy's questions ({@code Organisers}) and
 * issues the keys the door recognises by prefix. It sits above letter and partner: a letter names
 * its organisation, and every organisation is also a partner, so that its PARTNER grants work as a
 * partner's letters do.
 */
package org.undersigned.organiser;
