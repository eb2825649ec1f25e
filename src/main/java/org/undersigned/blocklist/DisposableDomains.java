package org.undersigned.blocklist;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Disposable email domains: the shipped list (resources/blocklist, from the maintained npm package
 * disposable-email-domains; {@code bin/update-disposable-domains} refreshes it), plus a deployment's
 * own file if {@code undersigned.blocklist.disposable-domains-file} names one. A domain is disposable
 * when it or any domain above it is listed.
 */
@Startup
@ApplicationScoped
class DisposableDomains {

    private static final Logger LOG = Logger.getLogger(DisposableDomains.class);

    private final Set<String> domains;

    DisposableDomains(BlocklistConfig blocklistConfig) {
        Set<String> all = new HashSet<>(150_000);
        read(DisposableDomains.class.getResourceAsStream("/blocklist/disposable-domains.txt.gz"), true, all);
        read(DisposableDomains.class.getResourceAsStream("/blocklist/disposable-wildcards.txt"), false, all);
        blocklistConfig.disposableDomainsFile().ifPresent(file -> {
            try {
                read(Files.newInputStream(Path.of(file)), file.endsWith(".gz"), all);
            } catch (IOException e) {
                throw new UncheckedIOException("undersigned.blocklist.disposable-domains-file: " + file, e);
            }
        });
        this.domains = Set.copyOf(all);
        LOG.infof("%d disposable email domains", domains.size());
    }

    private static void read(InputStream in, boolean gzip, Set<String> into) {
        if (in == null) {
            throw new IllegalStateException("the list of disposable email domains is missing from the build");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(gzip ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String domain = line.strip().toLowerCase(Locale.ROOT);
                if (!domain.isEmpty() && !domain.startsWith("#")) {
                    into.add(domain);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether mail to this (lower-case ASCII) domain, or to any domain above it, is disposable. */
    public boolean isDisposable(String domain) {
        for (String d = domain; d != null; d = parent(d)) {
            if (domains.contains(d)) {
                return true;
            }
        }
        return false;
    }

    static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1).contains(".") ? domain.substring(dot + 1) : null;
    }
}
