package org.undersigned.campaign;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.undersigned.common.Paging;
import org.undersigned.common.Query;
import org.undersigned.common.security.Permission;
import org.undersigned.common.security.Requires;
import org.undersigned.mail.MailState;

/** The organiser's view of a letter's emails: sent, waiting or given up, without any address or text. */
@Requires(Permission.GOVERN_LETTERS)
@Path("/v1/letters/{letter}/emails")
@Produces(MediaType.APPLICATION_JSON)
public class EmailResource {

    private final LetterEmails emails;

    EmailResource(LetterEmails emails) {
        this.emails = emails;
    }

    @GET
    public Response list(@PathParam("letter") String letter, @QueryParam("state") MailState state, @BeanParam Query.PageRequest page,
                         @Context UriInfo uriInfo) {
        return Paging.ok(emails.list(letter, state, page), uriInfo);
    }
}
