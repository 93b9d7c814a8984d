package com.partnercenter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnercenter.catalogue.Sku;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/**
 * The start forms as the catalogue makes them: a SKU a test adds to the catalogue is also a choice of the SKU fields
 * of the trial invitation (SKUs that may be tried) and purchase offer (sellable SKUs) start forms, as it would be in
 * catalogue-generated forms. The forms are the allow-list of a start (the engine command guard refuses a value that
 * is not one of a field's choices), so a test SKU missing from them could not be offered.
 */
@Component
public class CatalogueForms {

    static final String TRIAL_FORM = "forms/trial-invitation-start.form";
    static final String OFFER_FORM = "forms/purchase-offer-start.form";
    /** A SKU field is a select whose choices include this demo SKU. */
    static final String MARKER = "BUSINESS_BASIC";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RepositoryService repository;
    private final List<Sku> trial = new ArrayList<>();
    private final List<Sku> sellable = new ArrayList<>();

    public CatalogueForms(RepositoryService repository) {
        this.repository = repository;
    }

    /** Deploys new versions of the start forms with the SKU (and every SKU added before) as a choice. */
    public synchronized void add(Sku sku) {
        if (sku.trialAllowed() && sku.sellable()) {
            trial.add(sku);
            deploy(TRIAL_FORM, trial);
        }
        if (sku.sellable()) {
            sellable.add(sku);
            deploy(OFFER_FORM, sellable);
        }
    }

    private void deploy(String resource, List<Sku> extra) {
        JsonNode form = read(resource);
        addChoices(form.path("components"), extra);
        repository.createDeployment().name("test catalogue forms").enableDuplicateFiltering(false)
                .addString(resource.substring(resource.lastIndexOf('/') + 1), form.toString()).deploy();
    }

    private static void addChoices(JsonNode components, List<Sku> extra) {
        for (JsonNode component : components) {
            JsonNode values = component.path("values");
            boolean skuField = values.isArray() && values.findValuesAsText("value").contains(MARKER);
            if (skuField) {
                for (Sku sku : extra) {
                    ((ArrayNode) values).add(JSON.createObjectNode().put("label", sku.name()).put("value", sku.code()));
                }
            }
            if (component.has("components")) {
                addChoices(component.get("components"), extra);
            }
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CatalogueForms.class.getClassLoader().getResourceAsStream(resource)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
