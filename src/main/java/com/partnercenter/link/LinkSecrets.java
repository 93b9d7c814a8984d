package com.partnercenter.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server secrets from which link tokens are derived ({@link LinkTokens}): a token is the HMAC of its link's
 * random nonce under one of these secrets, so a database dump, which holds nonces and token hashes only, reveals
 * no working link.
 *
 * <p>Configuration, first match wins:
 * <ul>
 *   <li>{@code partner-center.links.secrets} ({@code LINK_SECRETS}): {@code id=base64[,id=base64...]}, each secret at
 *       least 32 random bytes (e.g. {@code openssl rand -base64 32}); the first is the current one, with which new
 *       links are issued; the others are retired ones, still needed to rebuild (re-send, show) the URLs of links
 *       issued under them. Every node must have the same list.</li>
 *   <li>{@code partner-center.links.secret-file} (the dev default: {@code ./data/link-secret}, beside the H2 database
 *       whose links it rebuilds): read, or created once with a new random secret (id {@code file}).</li>
 * </ul>
 * With neither, a start fails with a message saying what to set, unless {@code partner-center.links.required=false}
 * (a separate provisioning worker, which issues no link).
 */
@Component
public class LinkSecrets {

    public static final int MIN_BYTES = 32;
    static final String FILE_SECRET_ID = "file";

    private static final Logger log = LoggerFactory.getLogger(LinkSecrets.class);

    /** One secret: its id is stored with every link issued under it. */
    public record Secret(String id, byte[] key) {}

    private final Map<String, Secret> secrets;
    private final Secret current;

    public LinkSecrets(@Value("${partner-center.links.secrets:}") String configured,
            @Value("${partner-center.links.secret-file:}") String secretFile,
            @Value("${partner-center.links.required:true}") boolean required) {
        Map<String, Secret> parsed = configured == null || configured.isBlank()
                ? secretFile == null || secretFile.isBlank() ? Map.of() : fromFile(Path.of(secretFile))
                : parse(configured);
        if (parsed.isEmpty() && required) {
            throw new IllegalStateException("No link secret configured: set LINK_SECRETS (partner-center.links.secrets) "
                    + "to id=base64 of at least " + MIN_BYTES + " random bytes, e.g. LINK_SECRETS=k1=$(openssl rand "
                    + "-base64 32), the same on every node. Personalized links are derived from it; without it they "
                    + "could be neither issued nor re-sent.");
        }
        this.secrets = parsed;
        this.current = parsed.isEmpty() ? null : parsed.values().iterator().next();
    }

    /** The secret new links are issued under. */
    public Secret current() {
        if (current == null) {
            throw new IllegalStateException("no link secret configured (LINK_SECRETS): this process cannot issue links");
        }
        return current;
    }

    /** The secret of that id, if it is still configured (a retired secret that was removed is not). */
    public Optional<Secret> byId(String id) {
        return Optional.ofNullable(secrets.get(id));
    }

    static Map<String, Secret> parse(String configured) {
        Map<String, Secret> result = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("LINK_SECRETS: each entry is id=base64 (e.g. k2=..., k1=...), not '"
                        + abbreviate(trimmed) + "'");
            }
            String id = trimmed.substring(0, eq).strip();
            if (!id.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalStateException("LINK_SECRETS: the id '" + abbreviate(id) + "' must be 1 to 32 letters, "
                        + "digits, '.', '_' or '-' (each entry is id=base64)");
            }
            byte[] key = decode(trimmed.substring(eq + 1).strip(), "LINK_SECRETS entry " + id);
            if (result.putIfAbsent(id, new Secret(id, key)) != null) {
                throw new IllegalStateException("LINK_SECRETS: the id '" + id + "' is given twice");
            }
        }
        return result;
    }

    private static Map<String, Secret> fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return Map.of(FILE_SECRET_ID, new Secret(FILE_SECRET_ID, decode(text, "link secret file " + file)));
        } catch (IOException e) {
            throw new UncheckedIOException("link secret file " + file + " cannot be read or created", e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on file systems without POSIX permissions
        }
        log.info("Link secret generated in {}: keep it with the database, links cannot be re-sent without it", file);
    }

    private static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not Base64", e);
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(what + " has " + key.length + " bytes: at least " + MIN_BYTES
                    + " random bytes are needed (openssl rand -base64 32)");
        }
        return key;
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12) + "…";
    }
}
