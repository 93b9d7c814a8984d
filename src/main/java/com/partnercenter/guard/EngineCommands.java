package com.partnercenter.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The classification of every engine command ({@value #RESOURCE}): what kind of work it is, and so who may run it
 * (see the file's header). A command class the file does not name (a lambda, a command of a newer engine) is
 * {@link Kind#OPERATOR}: only the application and operators run it.
 */
public final class EngineCommands {

    public static final String RESOURCE = "guard/engine-commands.txt";

    /** The sections of the file. */
    public enum Kind {
        READ, START, TASK, SELF, WORKER, OPERATOR_READ, OPERATOR;

        /** Reads change nothing: an operator's are not audited. */
        public boolean read() {
            return this == READ || this == OPERATOR_READ;
        }
    }

    private final Map<String, Kind> kinds;

    private EngineCommands(Map<String, Kind> kinds) {
        this.kinds = Collections.unmodifiableMap(kinds);
    }

    /** Reads the classification; a class named twice, or a line outside a section, is an error. */
    public static EngineCommands load() {
        InputStream in = EngineCommands.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Kind section = null;
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = Kind.valueOf(line.substring(1, line.length() - 1).toUpperCase(Locale.ROOT)
                            .replace('-', '_'));
                } else if (section == null) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": a class before the first section");
                } else if (kinds.put(line, section) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": " + line + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EngineCommands(kinds);
    }

    public Kind kindOf(Class<?> commandClass) {
        return kinds.getOrDefault(commandClass.getName(), Kind.OPERATOR);
    }

    /** True when the file names the class (whatever its kind). */
    public boolean lists(String className) {
        return kinds.containsKey(className);
    }

    public Map<String, Kind> all() {
        return kinds;
    }
}
