package com.partnercenter.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * Plain-text alternative of the HTML of our own mail templates: paragraphs and line breaks kept, links written
 * out as "text: url". Meant for the well-formed HTML the templates produce, not for arbitrary HTML.
 */
final class HtmlToText {

    private static final Pattern HEAD = Pattern.compile("(?is)<head\\b.*?</head>|<(style|script)\\b.*?</\\1>");
    private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\b[^>]*?\\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK_END =
            Pattern.compile("(?i)</(p|div|h[1-6]|tr|table|ul|ol|header|footer|section|blockquote)>|<hr\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private HtmlToText() {}

    static String convert(String html) {
        String s = HEAD.matcher(html).replaceAll("");
        s = s.replaceAll("\\s+", " ");
        s = replaceAnchors(s);
        s = LINE_BREAK.matcher(s).replaceAll("\n");
        s = LIST_ITEM.matcher(s).replaceAll("\n- ");
        s = BLOCK_END.matcher(s).replaceAll("\n\n");
        s = HtmlUtils.htmlUnescape(TAG.matcher(s).replaceAll(""));
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            out.append(line.strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static String replaceAnchors(String s) {
        Matcher m = ANCHOR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String href = m.group(1).strip();
            String text = TAG.matcher(m.group(2)).replaceAll("").strip();
            String target = href.regionMatches(true, 0, "mailto:", 0, 7) ? href.substring(7) : href;
            String replacement = text.isEmpty() || text.equals(target) ? target : text + ": " + target;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
