package com.partnercenter.acceptance;

import com.partnercenter.customer.Customer;
import com.partnercenter.customer.CustomerAdmin;
import com.partnercenter.link.Link;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;

/**
 * What a flow adds to the accept page and the confirmation for its own kind of link: the page, the server-side
 * checks, how an acceptance is stored and what its confirmation starts. Every flow whose customers accept on a public
 * page implements it in its own package (sign-up, trial invitation, purchase offer); the shared acceptance code
 * ({@link AcceptanceService}, {@link AcceptPageController}, {@link SignedInAcceptance}) asks the link's flow and knows
 * no flow by name. A link no flow handles has no accept page.
 */
public interface FlowAcceptance {

    /** True for the links of this flow. */
    boolean handles(Link link);

    /** The form's initial values (the page is opened; the reader's language is already set). */
    default void initialize(Link link, AcceptanceForm form) {}

    /**
     * Model attributes of the page: what is offered ({@code offer}, an {@link OfferedTerms}, is
     * {@link OfferedTerms#NOTHING} unless the flow sets it) and the flow's own.
     */
    void describe(Link link, Model model);

    /**
     * True when the page asks the administrator's name: a new organization's administrator is named; an existing
     * customer's administrator is on record, and the flow takes the name from there.
     */
    default boolean asksAdminName(Link link, AcceptanceForm form) {
        return true;
    }

    /** Server-side checks of the flow's own fields, as field errors; the page never decides. */
    default void validate(Link link, AcceptanceForm form, Errors errors) {}

    /**
     * Stores a valid form and sends the confirmation link: a new organization's through
     * {@link AcceptanceService#submitNewOrganization}, or the flow's own rules before {@link AcceptanceService#store}.
     */
    AcceptanceService.Submitted submit(Link link, AcceptanceForm form);

    /**
     * What confirming the stored acceptance does, for the confirmation mail and the confirm / confirmed pages
     * (the same whenever it is asked: a retried mail says what the first one would have said).
     */
    Confirming confirming(Link invitation, Acceptance acceptance);

    /**
     * The kinds of {@link Confirming} this flow tells (its own names; each has its texts in every language:
     * {@code confirm.body.<kind>}, {@code confirmed.body.<kind>}, the mail's {@code acceptance-confirmation.*.<kind>}).
     */
    java.util.List<String> confirmingKinds();

    /**
     * First step of a confirmation's transaction, before any row is written: confirmations that exclude each
     * other (an offer for one customer is bought once) wait here for one another, so that the later one sees
     * the earlier one's outcome instead of deadlocking with it.
     */
    default void lockForConfirmation(Link invitation, Acceptance acceptance) {}

    /**
     * The acceptance was confirmed from the admin's mailbox (inside the confirmation's transaction).
     *
     * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException the flow no longer waits for it:
     *         nothing changes and the confirmation link stays unused
     */
    void confirmed(Link invitation, Acceptance acceptance);

    /**
     * True when an existing customer's administrator may sign in on the page and take the link for its
     * organization ({@link #acceptForCustomer}); false for links meant for new organizations only.
     */
    default boolean acceptsExistingCustomers() {
        return false;
    }

    /** Why this customer cannot take the link (a message key), shown before it tries; empty when it can. */
    default Optional<String> customerRefusal(Link link, Customer customer) {
        return Optional.empty();
    }

    /**
     * An existing customer's administrator, signed in, accepts for its organization ({@code form} names the
     * organization and the administrator from their records): checked like {@link #submit}, stored confirmed and
     * carried out at once ({@link SignedInAcceptance}); delegated administration it asks for goes to the customer's
     * review, never granted without it. Called only when {@link #acceptsExistingCustomers()}.
     */
    default SignedInAcceptance.Outcome acceptForCustomer(Link link, AcceptanceForm form, Customer customer,
            CustomerAdmin admin) {
        throw new UnsupportedOperationException("no signed-in acceptance for " + link.type() + " links");
    }
}
