package com.partnercenter.acceptance;

import com.partnercenter.link.Link;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;

/**
 * What a flow adds to the accept page and the confirmation for its own kind of link (e.g. the purchase
 * offer's license counts): the page, the server-side checks, how an acceptance is stored and what its
 * confirmation starts.
 */
public interface FlowAcceptance {

    /** True for the links of this flow. */
    boolean handles(Link link);

    /** The form's initial values (the page is opened). */
    void initialize(Link link, AcceptanceForm form);

    /** Model attributes of the page: the offer shown ({@code offer} and the flow's own). */
    void describe(Link link, Model model);

    /**
     * True when the page asks the administrator's name: a new organization's administrator is named; an existing
     * customer's administrator is on record, and the flow takes the name from there.
     */
    default boolean asksAdminName(Link link, AcceptanceForm form) {
        return true;
    }

    /** Server-side checks of the flow's own fields, as field errors; the page never decides. */
    void validate(Link link, AcceptanceForm form, Errors errors);

    /** Stores a valid form (through {@link AcceptanceService#store}) and sends the confirmation link. */
    AcceptanceService.Submitted submit(Link link, AcceptanceForm form);

    /**
     * What confirming the stored acceptance does, for the confirmation mail and the confirm / confirmed pages
     * (the same whenever it is asked: a retried mail says what the first one would have said).
     */
    Confirming confirming(Link invitation, Acceptance acceptance);

    /**
     * First step of a confirmation's transaction, before any row is written: confirmations that exclude each
     * other (an offer for one customer is bought once) wait here for one another, so that the later one sees
     * the earlier one's outcome instead of deadlocking with it.
     */
    default void lockForConfirmation(Link invitation, Acceptance acceptance) {}

    /**
     * An existing customer's administrator, signed in, accepts for its organization ({@code form} names the
     * organization and the administrator from their records): checked like {@link #submit}, stored confirmed and
     * carried out at once ({@link SignedInAcceptance}); delegated administration it asks for goes to the customer's
     * review, never granted without it.
     */
    default SignedInAcceptance.Outcome acceptForCustomer(Link link, AcceptanceForm form,
            com.partnercenter.customer.Customer customer, com.partnercenter.customer.CustomerAdmin admin) {
        throw new UnsupportedOperationException("no signed-in acceptance for " + link.type() + " links");
    }

    /**
     * The acceptance was confirmed from the admin's mailbox (inside the confirmation's transaction).
     *
     * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException the offer is no longer open:
     *         nothing changes and the confirmation link stays unused
     */
    void confirmed(Link invitation, Acceptance acceptance);
}
