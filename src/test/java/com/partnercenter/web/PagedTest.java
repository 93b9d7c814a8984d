package com.partnercenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The one paging of the list pages: its arithmetic, the page a request asks for, the links of the fragment. */
class PagedTest {

    @Test
    void pagesOfAListCountedInFullOrUpToACap() {
        Paged<String> first = Paged.of(List.of("a", "b"), 51, 0, 25);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.hasNext()).isTrue();
        assertThat(Paged.of(List.of(), 0, 0, 25).pages()).isEqualTo(1);
        assertThat(Paged.of(List.of("z"), 51, 2, 25).hasNext()).isFalse();
        Paged<String> capped = Paged.capped(List.of(), 10_001, 10_000, 0, 25);
        assertThat(capped.total()).isEqualTo(10_000);
        assertThat(capped.capped()).isTrue();
        assertThat(Paged.offset(3, 25)).isEqualTo(75);
    }

    @Test
    void thePageARequestAsksForIsAWholeNumberWithinTheList() {
        assertThat(Paged.number(null, 400)).isZero();
        assertThat(Paged.number(" 7 ", 400)).isEqualTo(7);
        assertThat(Paged.number("-3", 400)).isZero();
        assertThat(Paged.number("9999", 400)).isEqualTo(400);
        assertThat(Paged.number("x", 400)).isZero();
    }

    @Test
    void theLinksKeepTheSearchAndTheReadersLanguage() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/partner/invitations");
        request.addParameter("q", "a+b & c=d");
        request.addParameter("page", "1");
        Pager pager = Pager.of(Paged.of(List.of("x"), 80, 1, 25), request, Locale.FRENCH);
        assertThat(pager.previous()).isEqualTo("/partner/invitations?lang=fr&q=a%2Bb%20%26%20c%3Dd&page=0");
        assertThat(pager.next()).isEqualTo("/partner/invitations?lang=fr&q=a%2Bb%20%26%20c%3Dd&page=2");
        assertThat(Pager.of(Paged.of(List.of("x"), 10, 0, 25), request, Locale.ENGLISH).next()).isNull();
    }
}
