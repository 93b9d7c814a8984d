package com.partnercenter.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The application's own settings ({@code partner-center.*}). */
@ConfigurationProperties("partner-center")
public record PartnerCenterProperties(
        String publicBaseUrl,
        Mail mail,
        MailSink mailSink,
        Demo demo,
        Security security,
        Provisioning provisioning) {

    public record Mail(String from) {}

    public record MailSink(boolean enabled, int smtpPort) {}

    public record Demo(boolean enabled, String password) {}

    public record Security(String servicePassword) {}

    public record Provisioning(boolean inProcessWorker) {}

    /** Base URL without trailing slash; fails fast when it is not configured. */
    public String baseUrl() {
        if (publicBaseUrl == null || publicBaseUrl.isBlank()) {
            throw new IllegalStateException("partner-center.public-base-url (PUBLIC_BASE_URL) is not configured");
        }
        return publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }
}
