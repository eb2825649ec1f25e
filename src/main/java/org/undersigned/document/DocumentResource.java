package org.undersigned.document;

import org.undersigned.common.RateLimited;
import io.vertx.core.http.HttpServerRequest;
import org.undersigned.common.ClientKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.undersigned.common.Languages;
import org.undersigned.common.Preconditions;
import org.undersigned.common.ProblemException;
import org.undersigned.common.Tagged;

@Path("/v1/letters/{letter}/document")
public class DocumentResource {

    private final DocumentService documents;
    private final ClientKeys clients;

    DocumentResource(DocumentService documents, ClientKeys clients) {
        this.documents = documents;
        this.clients = clients;
    }

    @GET
    @Produces({"text/plain", "text/markdown", "text/html", "application/pdf", MediaType.APPLICATION_JSON})
    @RateLimited(RateLimited.Cost.DOCUMENT)
    public Response document(@PathParam("letter") String letter, @QueryParam("format") String format,
                             @QueryParam("version") String version, @QueryParam("summary") String summary,
                             @QueryParam("order") String order, @QueryParam("lang") String lang,
                             @Context HttpHeaders headers, @Context Request request, HttpServerRequest http) {
        DocumentService.Options options = new DocumentService.Options(format(format, headers), version(version),
                flag(summary), byTime(order), lang, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        DocumentService.Variant variant = documents.variant(letter, options);
        Response notModified = Preconditions.notModified(request, variant.version());
        if (notModified != null) {
            return Languages.negotiated(notModified, variant.language(), HttpHeaders.ACCEPT);
        }
        Tagged<Object> document = documents.render(letter, options, variant, clients.clientOf(http));
        return Languages.negotiated(Response.ok(document.body(), options.format().mediaType).tag(Preconditions.etag(document.version())).build(),
                variant.language(), HttpHeaders.ACCEPT);
    }

    private static DocumentFormat format(String format, HttpHeaders headers) {
        if (format != null && !format.isEmpty()) {
            DocumentFormat chosen = DocumentFormat.ofName(format);
            if (chosen == null) {
                throw ProblemException.invalid("format", "must be one of text, markdown, html, pdf");
            }
            return chosen;
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return DocumentFormat.TEXT;
            }
            DocumentFormat chosen = DocumentFormat.of(accepted);
            if (chosen != null) {
                return chosen;
            }
        }
        throw new ProblemException(406, "about:blank", "Not Acceptable",
                "The document comes as text/plain, text/markdown, text/html or application/pdf (or ?format=).");
    }

    private static Integer version(String version) {
        if (version == null || version.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(version);
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("version", "must be a version number, from 1");
    }

    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equals("false")) return false;
        if (value.equals("true")) return true;
        throw ProblemException.invalid("summary", "must be true or false");
    }

    private static boolean byTime(String order) {
        if (order == null || order.isEmpty() || order.equals("name")) return false;
        if (order.equals("signed_at")) return true;
        throw ProblemException.invalid("order", "must be name or signed_at");
    }
}
