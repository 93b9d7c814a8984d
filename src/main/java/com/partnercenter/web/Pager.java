package com.partnercenter.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.util.UriUtils;

/**
 * The paging links of a list page (fragment {@code partner/layout :: pager}): this page's address with the
 * request's own parameters (search, filters, sort), the reader's language and another page number; null where
 * there is no previous or next page.
 */
public record Pager(int page, int pages, String previous, String next) {

    public static Pager of(Paged<?> result, HttpServletRequest request, Locale locale) {
        return new Pager(result.page(), result.pages(),
                result.hasPrevious() ? link(request, locale, result.page() - 1) : null,
                result.hasNext() ? link(request, locale, result.page() + 1) : null);
    }

    private static String link(HttpServletRequest request, Locale locale, int page) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("lang", List.of(locale.getLanguage()));
        request.getParameterMap().forEach((name, values) -> parameters.putIfAbsent(name, List.of(values)));
        parameters.put("page", List.of(String.valueOf(page)));
        return request.getRequestURI() + "?" + parameters.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(value -> encode(e.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        // a query parameter's '+' reads as a space: written %2B
        return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8).replace("+", "%2B");
    }
}
