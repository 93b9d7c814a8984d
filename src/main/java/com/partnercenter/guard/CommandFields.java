package com.partnercenter.guard;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Reads the parameters of an engine command (its fields: the commands have no getters). The one place that knows
 * the engine's field names; {@code EngineCommandGuardTest} runs every command the guard reads through the real
 * engine, so a renamed field in a newer engine fails the build instead of the check.
 */
final class CommandFields {

    private CommandFields() {}

    static Object get(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getName(), e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name
                + ": the engine changed; see " + EngineCommands.RESOURCE);
    }

    static String string(Object command, String name) {
        Object value = get(command, name);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> variables(Object command, String name) {
        Object value = get(command, name);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** The ids a command works on (fields named like {@code processInstanceId}), for the audit of operators. */
    static String describe(Object command) {
        StringBuilder out = new StringBuilder(command.getClass().getSimpleName());
        for (Class<?> type = command.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == String.class && field.getName().endsWith("Id")
                        && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    try {
                        field.setAccessible(true);
                        Object value = field.get(command);
                        if (value != null) {
                            out.append(' ').append(field.getName()).append('=').append(value);
                        }
                    } catch (IllegalAccessException | RuntimeException e) {
                        // an id we cannot read is left out of the description
                    }
                }
            }
        }
        return out.toString();
    }
}
