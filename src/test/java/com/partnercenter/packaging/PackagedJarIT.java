package com.partnercenter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar (built by {@code mvn package} before the integration tests run) carries no dev-only component:
 * no GreenMail (the dev default's mail sink) nor the JUnit it brings, while the application and its mail sink's
 * classes, which stay off without GreenMail ({@code MailSinkConditionsTest}), are in it.
 */
class PackagedJarIT {

    @Test
    void theJarHasNoDevOnlyLibrary() throws IOException {
        try (JarFile jar = new JarFile(packagedJar().toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).as("libraries of the jar").isNotEmpty()
                    .anyMatch(name -> name.startsWith("BOOT-INF/lib/camunda-engine-"))
                    .anyMatch(name -> name.startsWith("BOOT-INF/lib/angus-mail-") || name.startsWith(
                            "BOOT-INF/lib/jakarta.mail-"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/greenmail"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/junit-"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/hamcrest-"));
            assertThat(jar.getEntry("BOOT-INF/classes/com/partnercenter/PartnerCenterApplication.class")).isNotNull();
            assertThat(jar.getEntry("BOOT-INF/classes/com/partnercenter/mail/sink/MailSinkMissing.class")).isNotNull();
        }
    }

    private static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("partner-center-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/partner-center-*.jar: this test runs in "
                            + "mvn verify, after the jar is packaged"));
        }
    }
}
