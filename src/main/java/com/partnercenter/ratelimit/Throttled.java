package com.partnercenter.ratelimit;

import com.partnercenter.platform.PageLocaleResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The answer to a throttled request: 429 with {@code Retry-After} (seconds) and a plain page in the reader's
 * language (the public pages' choice: {@code ?lang=}, then Accept-Language), or plain text for an API call.
 */
@Component
public class Throttled {

    private static final PageLocaleResolver LOCALES = new PageLocaleResolver();

    private final MessageSource messages;

    public Throttled(MessageSource messages) {
        this.messages = messages;
    }

    /** Seconds to announce in Retry-After: at least one. */
    public static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    public void page(HttpServletRequest request, HttpServletResponse response, Duration retryAfter, String bodyKey)
            throws IOException {
        Locale locale = LOCALES.resolveLocale(request);
        String title = HtmlUtils.htmlEscape(messages.getMessage("throttled.title", null, locale));
        String body = HtmlUtils.htmlEscape(messages.getMessage(bodyKey, null, locale));
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds(retryAfter)));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        byte[] html = ("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"UTF-8\">"
                + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/css/public.css\"></head><body><main>"
                + "<h1>" + title + "</h1><p>" + body + "</p></main></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }

    public void text(HttpServletRequest request, HttpServletResponse response, Duration retryAfter, String bodyKey)
            throws IOException {
        Locale locale = LOCALES.resolveLocale(request);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds(retryAfter)));
        response.setContentType("text/plain;charset=UTF-8");
        byte[] text = messages.getMessage(bodyKey, null, locale).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(text.length);
        response.getOutputStream().write(text);
    }
}
