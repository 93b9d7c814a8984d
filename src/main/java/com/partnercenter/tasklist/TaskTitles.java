package com.partnercenter.tasklist;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ModelProperties;
import com.partnercenter.platform.ReaderFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Task listener "name the task" ({@code ${nameTheTask}}, event create): Tasklist lists a task under a title that
 * says what it is about (which offer, which customer or "open link", until when), in the language of whom the task
 * is for, instead of the same model name four times in a row. The model's name stays the task's documentation.
 *
 * <p>The title is the text {@code task.title.<processKey>.<taskId>} of the pages' bundle; its arguments are the
 * variables the user task lists in its camunda:property {@code titleArguments} (comma-separated; {@code name>prefix}
 * writes the value as the text {@code prefix + value}, e.g. a role code as its name; {@code name|key} writes the text
 * {@code key} when the variable is empty, e.g. "open link" for an offer to nobody in particular). Dates are written as days in the
 * reader's language, numbers stay numbers for the text's plural forms. Whom the task is for: its assignee (a partner
 * user or customer administrator: its language), else its candidate group (a customer's: the customer's language; a
 * partner's: the partner's default language).
 */
@Component("nameTheTask")
public class TaskTitles implements TaskListener {

    static final int MAX_LENGTH = 255;

    private final MessageSource messages;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final SignedInLanguage languages;

    public TaskTitles(MessageSource messages, PartnerRepository partners, CustomerRepository customers,
            SignedInLanguage languages) {
        this.languages = languages;
        this.messages = messages;
        this.partners = partners;
        this.customers = customers;
    }

    @Override
    public void notify(DelegateTask task) {
        Language language = audienceLanguage(task);
        String processKey = task.getProcessDefinitionId().split(":")[0];
        Object spec = ModelProperties.get(task, "titleArguments");
        List<Object> args = new ArrayList<>();
        if (spec != null) {
            for (String part : spec.toString().split(",")) {
                args.add(argument(task, part.trim(), language));
            }
        }
        String title = messages.getMessage("task.title." + processKey + "." + task.getTaskDefinitionKey(),
                args.toArray(), null, language.locale());
        if (title != null) {
            task.setName(title.length() > MAX_LENGTH ? title.substring(0, MAX_LENGTH - 1) + "…" : title);
        }
    }

    private Object argument(DelegateTask task, String part, Language language) {
        if (part.contains("|")) {
            Object value = task.getVariable(part.substring(0, part.indexOf('|')));
            return value == null || value.toString().isBlank()
                    ? messages.getMessage(part.substring(part.indexOf('|') + 1), null, language.locale())
                    : value.toString();
        }
        String name = part.contains(">") ? part.substring(0, part.indexOf('>')) : part;
        Object value = task.getVariable(name);
        if (part.contains(">")) {
            String key = part.substring(part.indexOf('>') + 1) + value;
            return value == null ? "" : messages.getMessage(key, null, String.valueOf(value), language.locale());
        }
        if (value instanceof Date || value instanceof Instant || value instanceof LocalDate) {
            return ReaderFormat.of(language).day(value);
        }
        if (value instanceof Number) {
            return value;
        }
        return value == null ? "" : value.toString();
    }

    /** The language of whom the task is for. */
    Language audienceLanguage(DelegateTask task) {
        if (task.getAssignee() != null) {
            Optional<String> language = languages.of(task.getAssignee());
            if (language.isPresent()) {
                return Language.orDefault(language.get(), Language.EN);
            }
        }
        for (IdentityLink link : task.getCandidates()) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType()) || link.getGroupId() == null) {
                continue;
            }
            String group = link.getGroupId();
            if (group.startsWith("customer") && group.substring("customer".length()).matches("\\d+")) {
                var customer = customers.findById(Long.parseLong(group.substring("customer".length())));
                if (customer.isPresent()) {
                    return Language.orDefault(customer.get().language(), Language.EN);
                }
            }
            var partner = partners.findAll().stream().filter(p -> p.tenantId().equals(group)).findFirst();
            if (partner.isPresent()) {
                return Language.orDefault(partner.get().defaultLanguage(), Language.EN);
            }
        }
        return Language.EN;
    }
}
