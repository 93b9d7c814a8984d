package com.partnercenter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void keepsParagraphsLineBreaksAndLinks() {
        String html = """
                <!DOCTYPE html><html><head><title>Subject</title><style>p { color: red; }</style></head>
                <body>
                  <p>Hello,</p>
                  <p>Line one<br>line   two &amp; more</p>
                  <p><a href="https://partners.test/a?x=1&amp;y=2">Open the offer</a></p>
                  <p><a href="https://partners.test/b">https://partners.test/b</a></p>
                  <p>Mail: <a href="mailto:help@partner.example">help@partner.example</a></p>
                </body></html>
                """;

        assertThat(HtmlToText.convert(html)).isEqualTo("""
                Hello,

                Line one
                line two & more

                Open the offer: https://partners.test/a?x=1&y=2

                https://partners.test/b

                Mail: help@partner.example
                """);
    }

    @Test
    void escapedMarkupStaysText() {
        assertThat(HtmlToText.convert("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"))
                .isEqualTo("<script>alert(1)</script>\n");
    }
}
