package org.undersigned.letter;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.undersigned.common.Preconditions;
import org.undersigned.common.Tagged;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;

/**
 * A letter's ordered addressees of one role, recipients or CCs: the routes both share. Each
 * subclass names its path and takes its own request bodies, which differ (a recipient has an
 * address), and hands them here as an {@link AddresseeChange}.
 */
abstract class AddresseeResource<R> {

    private final AddresseeService addressees;
    private final AddresseeRole role;
    private final String collection;
    private final Function<Addressee, R> view;

    AddresseeResource(AddresseeService addressees, AddresseeRole role, String collection, Function<Addressee, R> view) {
        this.addressees = addressees;
        this.role = role;
        this.collection = collection;
        this.view = view;
    }

    @GET
    public Response list(@PathParam("letter") String letter) {
        return Response.ok(addressees.list(letter, role, view)).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("letter") String letter, @PathParam("id") String id, @Context Request request) {
        return Preconditions.ok(request, addressees.get(letter, role, id, view));
    }

    @Requires(Permission.EDIT_LETTERS)
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("letter") String letter, @PathParam("id") String id,
                           @HeaderParam("If-Match") String ifMatch) {
        addressees.delete(letter, role, id, ifMatch);
        return Response.noContent().build();
    }

    /** The answer to adding one: 201 with its place. */
    Response added(String letter, AddresseeChange change) {
        Tagged<R> added = addressees.add(letter, role, change, view);
        return Preconditions.created("/v1/letters/" + letter + "/" + collection + "/" + idOf(added.body()), added);
    }

    Response updated(String letter, String id, String ifMatch, AddresseeChange change) {
        return Preconditions.updated(addressees.update(letter, role, id, change, ifMatch, view));
    }

    /** The id a view carries. */
    abstract Object idOf(R view);
}
