package com.partnercenter.catalogue;

/** Published (Spring application event, in the change's transaction) when an SKU was added or changed. */
public record CatalogueChanged(String skuCode) {}
