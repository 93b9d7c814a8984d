package com.partnercenter.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * Application rows read again and again by the steps of one engine command (one transaction: a job, a REST call, a
 * correlation) — the flow's request, its partner — read once per command instead of once per question. The cache is a
 * session of the engine's command context: it lives exactly as long as the command (its transaction), is gone after
 * it commits or rolls back, and is never shared between commands or threads. Outside an engine command (the
 * provisioning worker, a page reading rows itself) nothing is cached. The owner of a row evicts it when it writes it
 * ({@link #evict}), so a command reads back what it wrote. Values must be immutable (records).
 */
public final class CommandCache implements Session {

    private final Map<List<Object>, Object> values = new HashMap<>();

    /** The value of {@code kind}/{@code key} in this engine command, loaded once; outside a command, loaded. */
    @SuppressWarnings("unchecked")
    public static <T> T get(String kind, Object key, Supplier<T> loader) {
        CommandCache cache = current();
        if (cache == null) {
            return loader.get();
        }
        List<Object> id = List.of(kind, key);
        if (cache.values.containsKey(id)) {
            return (T) cache.values.get(id);
        }
        T value = loader.get();
        cache.values.put(id, value);
        return value;
    }

    /** Forgets {@code kind}/{@code key} in this engine command (its owner just wrote it). */
    public static void evict(String kind, Object key) {
        CommandCache cache = current();
        if (cache != null) {
            cache.values.remove(List.of(kind, key));
        }
    }

    private static CommandCache current() {
        CommandContext context = Context.getCommandContext();
        return context == null ? null : context.getSession(CommandCache.class);
    }

    /** Registered with the engine (engine.EngineConfiguration): one cache per command context. */
    public static SessionFactory factory() {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return CommandCache.class;
            }

            @Override
            public Session openSession() {
                return new CommandCache();
            }
        };
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        values.clear();
    }
}
