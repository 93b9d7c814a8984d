package com.partnercenter.productkey;

import com.partnercenter.platform.Language;
import com.partnercenter.platform.Messages;
import com.partnercenter.audit.AuditLog;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loading purchased product keys into partners' inventories (operators). A load is a CSV text, one key per
 * line: {@code key,sku,licenses,termMonths,partnerAdvisorCode} (an optional header line with these names,
 * blank lines and lines starting with # are skipped). Every line is checked: key format and check character,
 * known SKU, license count within the SKU's bounds, term 1..60 months, known partner, and no duplicate (in the
 * file or already loaded). Nothing is stored unless every line is good. Each problem in the operator's language
 * ({@code productKey.inventory.*} in messages*.properties).
 */
@Service
public class ProductKeyInventory {

    public static final int MAX_LINES = 10_000;
    static final String HEADER = "key,sku,licenses,termmonths,partneradvisorcode";

    public record LineError(int line, String key, String message) {}

    public record LoadResult(int loaded, List<LineError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private record Line(int number, String key, String sku, int licenses, int termMonths, long partnerId) {}

    private final ProductKeyRepository keys;
    private final CatalogueRepository catalogue;
    private final PartnerRepository partners;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Messages messages;

    public ProductKeyInventory(ProductKeyRepository keys, CatalogueRepository catalogue, PartnerRepository partners,
            TransactionTemplate tx, AuditLog audit, Messages messages) {
        this.messages = messages;
        this.keys = keys;
        this.catalogue = catalogue;
        this.partners = partners;
        this.tx = tx;
        this.audit = audit;
    }

    public LoadResult load(String csv, String actor, Language language) {
        java.util.function.BiFunction<String, Object[], String> t = (code, args) -> messages.text(language,
                "productKey.inventory." + code, args);
        List<LineError> errors = new ArrayList<>();
        List<Line> good = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        Map<String, Optional<Sku>> skus = new HashMap<>();
        Map<String, Optional<Partner>> partnerByCode = new HashMap<>();
        String[] lines = csv == null ? new String[0] : csv.split("\\r?\\n", -1);
        if (lines.length > MAX_LINES) {
            return new LoadResult(0, List.of(new LineError(0, null, t.apply("tooManyLines",
                    new Object[] {String.valueOf(MAX_LINES), String.valueOf(lines.length)}))));
        }
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String text = lines[i].strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (number == 1 && text.replace(" ", "").toLowerCase(Locale.ROOT).equals(HEADER)) {
                continue;
            }
            String[] f = text.split(",", -1);
            String raw = f[0].strip();
            if (f.length != 5) {
                errors.add(new LineError(number, raw, t.apply("fields", new Object[] {String.valueOf(f.length)})));
                continue;
            }
            List<String> problems = new ArrayList<>();
            String key = ProductKeyCodec.normalize(raw);
            Optional<ProductKeyCodec.Problem> problem = ProductKeyCodec.problem(raw);
            if (problem.isPresent()) {
                problems.add(problem.get() == ProductKeyCodec.Problem.FORMAT
                        ? t.apply("notAKey", new Object[] {raw, ProductKeyCodec.ALPHABET})
                        : t.apply("checkCharacter", new Object[] {ProductKeyCodec.format(key)}));
            } else if (firstLine.containsKey(key)) {
                problems.add(t.apply("duplicate", new Object[] {String.valueOf(firstLine.get(key))}));
            } else {
                firstLine.put(key, number);
            }
            String skuCode = f[1].strip();
            Optional<Sku> sku = skus.computeIfAbsent(skuCode, catalogue::find);
            if (sku.isEmpty()) {
                problems.add(t.apply("unknownSku", new Object[] {skuCode}));
            }
            Integer licenses = integer(f[2]);
            if (licenses == null) {
                problems.add(t.apply("licensesNotWhole", new Object[] {f[2].strip()}));
            } else if (sku.isPresent() && !sku.get().allows(licenses)) {
                problems.add(t.apply("licensesRange", new Object[] {String.valueOf(licenses),
                        String.valueOf(sku.get().minLicenses()), String.valueOf(sku.get().maxLicenses()), skuCode}));
            }
            Integer term = integer(f[3]);
            if (term == null || term < 1 || term > 60) {
                problems.add(t.apply("term", new Object[] {f[3].strip()}));
            }
            String code = f[4].strip().toUpperCase(Locale.ROOT);
            Optional<Partner> partner = partnerByCode.computeIfAbsent(code, partners::findByAdvisorCode);
            if (partner.isEmpty()) {
                problems.add(t.apply("unknownPartner", new Object[] {f[4].strip()}));
            }
            if (!problems.isEmpty()) {
                errors.add(new LineError(number, raw, String.join("; ", problems)));
            } else {
                good.add(new Line(number, key, skuCode, licenses, term, partner.get().id()));
            }
        }
        Set<String> already = new HashSet<>(keys.existing(good.stream().map(Line::key).toList()));
        for (Line line : good) {
            if (already.contains(line.key())) {
                errors.add(new LineError(line.number(), ProductKeyCodec.format(line.key()),
                        t.apply("alreadyLoaded", new Object[0])));
            }
        }
        if (good.isEmpty() && errors.isEmpty()) {
            errors.add(new LineError(0, null, t.apply("empty", new Object[0])));
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(LineError::line));
            return new LoadResult(0, errors);
        }
        try {
            tx.executeWithoutResult(status -> good.forEach(l ->
                    keys.insert(l.key(), l.partnerId(), l.sku(), l.licenses(), l.termMonths(), actor)));
        } catch (DuplicateKeyException race) {
            return new LoadResult(0, List.of(new LineError(0, null, t.apply("race", new Object[0]))));
        }
        audit.record(actor, "PRODUCT_KEYS_LOADED", null, null, null, good.size() + " key(s)");
        return new LoadResult(good.size(), List.of());
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
