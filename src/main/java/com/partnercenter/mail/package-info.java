/**
 * E-mail dispatch: template e-mails in the recipient's language (French or English), with the partner's company
 * info, links from the public base URL only, sent at most once per idempotency key (see
 * {@link com.partnercenter.mail.MailService} for the guarantees and the remaining at-least-once window).
 *
 * <ul>
 *   <li>From Java: {@link com.partnercenter.mail.MailService#send(com.partnercenter.mail.OutgoingMail)}.</li>
 *   <li>From BPMN: an asynchronous service task with {@code camunda:delegateExpression="${sendEmail}"}
 *       ({@link com.partnercenter.mail.SendEmailDelegate}).</li>
 *   <li>Templates: {@code templates/mail/<name>.html} on the layout {@code mail/layout}; texts in
 *       {@code i18n/mail.properties} (English) and {@code i18n/mail_fr.properties} (French).</li>
 * </ul>
 *
 * Every template sees {@code vars} (the model: in BPMN, all process variables), {@code partner} (may be null),
 * {@code baseUrl} and {@code language}. Templates and the variables they read:
 * <table>
 *   <caption>Mail templates</caption>
 *   <tr><th>template</th><th>to</th><th>vars</th></tr>
 *   <tr><td>partner-refusal</td><td>partner user</td><td>processName, refusalReason</td></tr>
 *   <tr><td>signup-invitation</td><td>prospective customer</td><td>invitationUrl, personalMessage (optional);
 *       needs the partner</td></tr>
 *   <tr><td>acceptance-confirmation</td><td>customer admin contact</td><td>customerName, confirmationUrl;
 *       needs the partner</td></tr>
 *   <tr><td>customer-welcome</td><td>new customer admin</td><td>customerName, customerAdminUserId</td></tr>
 *   <tr><td>partner-acceptance-notice</td><td>partner</td><td>customerName, customerDomain</td></tr>
 * </table>
 * URLs passed in variables (invitationUrl, confirmationUrl) must start with the public base URL.
 */
package com.partnercenter.mail;
