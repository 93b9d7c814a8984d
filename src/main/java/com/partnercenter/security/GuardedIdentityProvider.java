package com.partnercenter.security;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The engine's identity provider (its own user tables) with a lockout that heals and the sign-in audit: the
 * engine's growing delay between failures stays, but the lock after {@code maxAttempts} failures lasts
 * {@code lockDuration} instead of forever, and a lock that has run out starts a new count. On a successful check a
 * password stored with an older hash ({@code {SHA-512}}) or a weaker work factor is hashed again with the
 * configured one ({@link Argon2PasswordEncryptor}). Password checks of every entry point (REST, webapps, Java API)
 * come here.
 */
public class GuardedIdentityProvider extends DbIdentityServiceProvider {

    private final SignInGuard guard;

    GuardedIdentityProvider(SignInGuard guard) {
        this.guard = guard;
    }

    /** Opens the provider for each engine command, with the guard of the application context. */
    public static SessionFactory factory(ObjectProvider<SignInGuard> guard) {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return GuardedIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new GuardedIdentityProvider(guard.getObject());
            }
        };
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        UserEntity user = findUserById(userId);
        if (user == null || password == null) {
            guard.failed(userId, user != null, user == null ? 0 : user.getAttempts());
            return false;
        }
        if (isUserLocked(user)) {
            guard.whileLocked(userId, user.getLockExpirationTime().toInstant());
            return false;
        }
        // an account without a password (waiting for its set-password link) matches nothing, like a wrong password
        if (user.getPassword() != null && matchPassword(password, user)) {
            unlockUser(user);
            upgradeHash(user, password);
            return true;
        }
        lockUser(user);
        return false;
    }

    /** Locked while the lock time has not passed; never for good (the engine's count alone locks forever). */
    @Override
    protected boolean isUserLocked(UserEntity user) {
        Date until = user.getLockExpirationTime();
        return until != null && until.after(ClockUtil.getCurrentTime());
    }

    /** One more failure: the engine's growing delay, or the lock of {@code lockDuration} at {@code maxAttempts}. */
    @Override
    protected void lockUser(UserEntity user) {
        var engine = Context.getProcessEngineConfiguration();
        SignInSettings settings = guard.settings();
        // a lock that ran out heals: the next failure is the first of a new count
        int attempts = (user.getAttempts() >= settings.maxAttempts() ? 0 : user.getAttempts()) + 1;
        long now = ClockUtil.getCurrentTime().getTime();
        Date until;
        if (attempts >= settings.maxAttempts()) {
            until = new Date(now + settings.lockDuration().toMillis());
        } else {
            long delaySeconds = Math.min((long) (engine.getLoginDelayBase() * Math.pow(engine.getLoginDelayFactor(),
                    attempts - 1)), engine.getLoginDelayMaxTime());
            until = new Date(now + delaySeconds * 1000);
        }
        getIdentityInfoManager().updateUserLock(user, attempts, until);
        if (attempts >= settings.maxAttempts()) {
            guard.locked(user.getId(), until.toInstant());
        } else {
            guard.failed(user.getId(), true, attempts);
        }
    }

    /**
     * Writes the new hash and salt at once, on the command's connection, without touching the row's revision (the
     * lock columns may be updated in the same command, by revision).
     */
    private void upgradeHash(UserEntity user, String password) {
        var engine = Context.getProcessEngineConfiguration();
        if (!(engine.getPasswordEncryptor() instanceof Argon2PasswordEncryptor argon2)
                || !argon2.needsUpgrade(user.getPassword())) {
            return;
        }
        String salt = engine.getSaltGenerator().generateSalt();
        String hash = engine.getPasswordManager().encrypt(org.camunda.bpm.engine.impl.util.EncryptionUtil.saltPassword(
                password, salt));
        String table = (engine.getDatabaseTablePrefix() == null ? "" : engine.getDatabaseTablePrefix()) + "ACT_ID_USER";
        try (var update = getDbSqlSession().getSqlSession().getConnection()
                .prepareStatement("update " + table + " set PWD_ = ?, SALT_ = ? where ID_ = ?")) {
            update.setString(1, hash);
            update.setString(2, salt);
            update.setString(3, user.getId());
            update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the password hash of " + user.getId() + " could not be upgraded", e);
        }
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
