package com.partnercenter.productkey;

import java.util.ArrayList;
import java.util.List;

/** Parsing of the start form's key list: one key per line, separators optional, case-insensitive. */
public final class ProductKeySetupRequest {

    /** More keys than this in one setup are refused (one subscription per key). */
    public static final int MAX_KEYS = 20;

    private ProductKeySetupRequest() {}

    /** The non-blank lines of the text, trimmed, in order (a line may also hold several keys separated by , or ;). */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("[\\r\\n,;]+")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /** How a key is shown in a message: as entered when it is not a key, else in its usual form. */
    public static String display(String raw) {
        String normalized = ProductKeyCodec.normalize(raw);
        return ProductKeyCodec.problem(raw).isEmpty() ? ProductKeyCodec.format(normalized)
                : raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
