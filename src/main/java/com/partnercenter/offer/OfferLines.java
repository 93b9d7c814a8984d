package com.partnercenter.offer;

import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Offer lines in a process variable: "SKU:count;SKU:count" (a plain string, readable in Cockpit), and as
 * the rows a template lists.
 */
public final class OfferLines {

    private OfferLines() {}

    public static String format(List<PurchaseOffer.Line> lines) {
        return String.join(";", lines.stream().map(l -> l.skuCode() + ":" + l.licenses()).toList());
    }

    public static List<PurchaseOffer.Line> parse(String text) {
        List<PurchaseOffer.Line> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        int n = 0;
        for (String part : text.split(";")) {
            String[] pair = part.split(":");
            lines.add(new PurchaseOffer.Line(++n, pair[0], Integer.parseInt(pair[1])));
        }
        return lines;
    }

    /** Template rows: skuName, licenses, minLicenses, maxLicenses. */
    public static List<Map<String, Object>> describe(CatalogueRepository catalogue, List<PurchaseOffer.Line> lines) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PurchaseOffer.Line line : lines) {
            Sku sku = catalogue.find(line.skuCode()).orElseThrow();
            Map<String, Object> row = new HashMap<>();
            row.put("skuCode", sku.code());
            row.put("skuName", sku.name());
            row.put("licenses", line.licenses());
            row.put("minLicenses", sku.minLicenses());
            row.put("maxLicenses", sku.maxLicenses());
            rows.add(row);
        }
        return rows;
    }
}
