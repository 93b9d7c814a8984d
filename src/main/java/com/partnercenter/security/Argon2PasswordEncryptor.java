package com.partnercenter.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The engine's password encryptor: Argon2id (Spring Security's {@link Argon2PasswordEncoder}, on BouncyCastle) with
 * the work factor of {@link PasswordHashSettings}. Stored as {@code {ARGON2ID}$argon2id$v=19$m=…,t=…,p=…$salt$hash};
 * the engine still checks the older {@code {SHA-512}} and {@code {SHA}} hashes, which {@link GuardedIdentityProvider}
 * replaces at the user's next successful sign-in ({@link #needsUpgrade}).
 */
public class Argon2PasswordEncryptor implements PasswordEncryptor {

    public static final String NAME = "ARGON2ID";
    public static final String PREFIX = "{" + NAME + "}";

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder encoder;
    private final Cache<String, Boolean> verified;

    public Argon2PasswordEncryptor(PasswordHashSettings settings) {
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, settings.parallelism(), settings.memoryKib(),
                settings.iterations());
        this.verified = settings.verifiedCache().isZero() ? null
                : Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(settings.verifiedCache()).build();
    }

    @Override
    public String encrypt(String password) {
        return encoder.encode(password);
    }

    @Override
    public boolean check(String password, String encrypted) {
        if (verified == null) {
            return encoder.matches(password, encrypted);
        }
        String key = digest(password, encrypted);
        if (verified.getIfPresent(key) != null) {
            return true;
        }
        boolean matches = encoder.matches(password, encrypted);
        if (matches) {
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public String hashAlgorithmName() {
        return NAME;
    }

    /** True for a stored password of another algorithm, or of Argon2 with a weaker work factor than configured. */
    public boolean needsUpgrade(String stored) {
        return stored == null || !stored.startsWith(PREFIX) || encoder.upgradeEncoding(stored.substring(PREFIX.length()));
    }

    private static String digest(String password, String encrypted) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encrypted.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
