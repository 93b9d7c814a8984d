package com.partnercenter.acceptance;

/**
 * What an accept page offers besides a flow's own attributes (model attribute {@code offer}): the terms of a free
 * trial, and the delegated administration the partner asks for with it. A flow's {@link FlowAcceptance#describe}
 * sets it; a flow that offers neither leaves {@link #NOTHING}.
 *
 * @param trial          a trial's terms, or null
 * @param delegatedAdmin FULL or LIMITED when the partner also asks for delegated administration, else null
 */
public record OfferedTerms(Trial trial, String delegatedAdmin) {

    /** Neither a trial nor delegated administration (e.g. a sign-up). */
    public static final OfferedTerms NOTHING = new OfferedTerms(null, null);

    /** A free trial's terms, as pages and mails show them: the SKU's name, its length and license count. */
    public record Trial(String skuName, int days, int licenses) {}
}
