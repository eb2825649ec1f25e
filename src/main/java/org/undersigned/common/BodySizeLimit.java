package org.undersigned.common;

import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the configured limit with a 413 problem while reading them (a
 * chunked body, or one longer than it said); a declared Content-Length over the limit is refused
 * before reading by {@link BodyLimitRoute}.
 */
@jakarta.ws.rs.ext.Provider
public class BodySizeLimit implements ReaderInterceptor {

    // A provider, because request filters are created at static init, before runtime config exists.
    private final Provider<UndersignedConfig> config;

    BodySizeLimit(Provider<UndersignedConfig> config) {
        this.config = config;
    }

    private static final String LIMIT = "undersigned.body-limit";

    /** The limit for a path: bulk pushes carry up to 10,000 rows; every other body is one object. */
    static long limitFor(String path, UndersignedConfig config) {
        return path.endsWith("/signatures/bulk") ? config.limits().maxBulkBodyBytes() : config.limits().maxBodyBytes();
    }

    /** A declared Content-Length over the limit was refused already ({@link BodyLimitRoute}); this counts what is read. */
    @ServerRequestFilter(preMatching = true)
    public void rememberLimit(ContainerRequestContext context) {
        context.setProperty(LIMIT, limitFor(context.getUriInfo().getPath(), config.get()));
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object limit = context.getProperty(LIMIT);
        context.setInputStream(new LimitedInputStream(context.getInputStream(),
                limit instanceof Long l ? l : config.get().limits().maxBodyBytes()));
        return context.proceed();
    }

    private static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw ProblemException.payloadTooLarge(limit);
            }
        }
    }
}
