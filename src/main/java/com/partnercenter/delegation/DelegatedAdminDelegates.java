package com.partnercenter.delegation;

import com.partnercenter.audit.AuditLog;
import com.partnercenter.platform.CommandUser;
import com.partnercenter.platform.EngineClock;
import com.partnercenter.platform.HumanText;
import com.partnercenter.platform.Language;
import com.partnercenter.platform.ModelProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The small steps of processes/delegated-admin.bpmn, each a bean named after its task. They work on the
 * relationship of the variable {@code relationshipId} and are safe to run twice.
 */
@Configuration
public class DelegatedAdminDelegates {

    /** Reminders before the end of an active relationship, in days. */
    static final List<Integer> REMINDER_DAYS = List.of(30, 7, 1);
    static final Duration AUTO_EXTENSION = Duration.ofDays(180);

    private final RelationshipRepository relationships;
    private final RoleAssignmentService roles;
    private final AuditLog audit;
    private final org.springframework.context.MessageSource messages;

    public DelegatedAdminDelegates(RelationshipRepository relationships, RoleAssignmentService roles,
            AuditLog audit, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.relationships = relationships;
        this.roles = roles;
        this.audit = audit;
    }

    /** "Assign the roles": the relationship becomes active until now + durationDays; partner users get their roles. */
    @Bean
    public JavaDelegate assignDelegatedAdminRoles() {
        return execution -> {
            Relationship relationship = relationship(execution);
            Instant start = EngineClock.now();
            Instant end = start.plus(Duration.ofDays(relationship.durationDays()));
            relationships.activate(relationship.id(), start, end);
            int granted = roles.assign(relationships.findById(relationship.id()).orElseThrow());
            audit.record(String.valueOf(execution.getVariable("reviewedBy")), "DELEGATED_ADMIN_ACCEPTED",
                    relationship.partnerId(), relationship.customerId(), execution.getProcessBusinessKey(),
                    relationship.role() + " until " + end + ", " + granted + " partner user(s) hold a role",
                    AuditLog.text("portal.adminRole." + relationship.role()), AuditLog.day(end));
            setEnd(execution, end);
        };
    }

    /**
     * "Plan the next reminder": the next of 30, 7 and 1 days before the end that is still ahead.
     * Sets {@code reminderDue}, {@code nextReminderAt}, {@code reminderDaysLeft} and {@code reminderKey}.
     */
    @Bean
    public JavaDelegate planDelegatedAdminReminder() {
        return execution -> {
            Instant end = ((Date) execution.getVariable("endsAt")).toInstant();
            Instant now = EngineClock.now();
            for (int days : REMINDER_DAYS) {
                Instant at = end.minus(Duration.ofDays(days));
                if (at.isAfter(now)) {
                    execution.setVariable("reminderDue", true);
                    execution.setVariable("nextReminderAt", Date.from(at));
                    execution.setVariable("reminderDaysLeft", days);
                    execution.setVariable("reminderKey", days + "-" + execution.getVariable("endsAtText"));
                    return;
                }
            }
            execution.setVariable("reminderDue", false);
        };
    }

    /** "Renew by 180 days": only Limited relationships that chose automatic renewal reach this step. */
    @Bean
    public JavaDelegate extendDelegatedAdmin() {
        return execution -> {
            Relationship relationship = relationship(execution);
            if (relationship.role() == AdminRole.FULL || !relationship.autoExtend()) {
                throw new IllegalStateException("relationship " + relationship.id() + " may not be renewed automatically");
            }
            Instant end = relationship.endsAt().plus(AUTO_EXTENSION);
            relationships.extend(relationship.id(), end);
            audit.record("system", "DELEGATED_ADMIN_EXTENDED", relationship.partnerId(), relationship.customerId(),
                    execution.getProcessBusinessKey(), "renewed until " + end, AuditLog.day(end));
            setEnd(execution, end);
        };
    }

    /**
     * "Close the relationship": status from the task's camunda:property {@code closedStatus} (DECLINED,
     * EXPIRED, TERMINATED); role grants are removed at once.
     */
    @Bean
    public JavaDelegate closeDelegatedAdmin() {
        return execution -> {
            Relationship relationship = relationship(execution);
            Relationship.Status status = Relationship.Status.valueOf(
                    String.valueOf(ModelProperties.get(execution, "closedStatus")));
            roles.removeAll(relationship);
            if (relationships.close(relationship.id(), status)) {
                audit.record(String.valueOf(execution.getVariable("endedBy") == null ? "system"
                                : execution.getVariable("endedBy")), "DELEGATED_ADMIN_" + status,
                        relationship.partnerId(), relationship.customerId(), execution.getProcessBusinessKey(),
                        relationship.role() + " relationship " + status.name().toLowerCase(),
                        AuditLog.text("portal.adminRole." + relationship.role()));
            }
        };
    }

    /**
     * Task listener of "Review delegated administration request" on complete: the answer must be ACCEPT
     * or DECLINE (forms can be bypassed over REST); records who answered.
     */
    @Bean
    public TaskListener validateDelegatedAdminReview() {
        return task -> {
            Object decision = task.getVariable("decision");
            // the terms a reviewer could try to overwrite come back from the relationship row right after
            // (see relationship(...)); the answer itself must be one of the two
            if (!"ACCEPT".equals(decision) && !"DECLINE".equals(decision)) {
                throw new IllegalArgumentException("Answer the request with decision ACCEPT or DECLINE, not '"
                        + decision + "'");
            }
            HumanText.Checked comment = HumanText.check(task.getVariable("reviewComment"), HumanText.Kind.MESSAGE);
            if (!comment.ok()) {
                // a bad request (400 over REST), with the text rule's field message; nothing is completed
                throw new org.camunda.bpm.engine.BadUserRequestException("reviewComment: "
                        + comment.message(messages,
                        Language.exact(String.valueOf(task.getVariable("customerLanguage")))
                                .orElse(Language.DEFAULT).locale()));
            }
            String reviewer = CommandUser.id();
            task.setVariable("reviewedBy", reviewer != null ? reviewer : task.getAssignee());
        };
    }

    /**
     * Candidate group of "Review delegated administration request": the admins of the relationship's customer, from
     * the relationship's row (never from a variable).
     */
    public String customerGroup(DelegateExecution execution) {
        return relationships.findByProcessInstance(execution.getProcessInstanceId())
                .map(r -> com.partnercenter.security.Groups.customerGroup(r.customerId()))
                .orElseThrow(() -> new IllegalStateException("no relationship for instance "
                        + execution.getProcessInstanceId()));
    }

    /**
     * The relationship of this instance, from the database: whoever completes a task may also write process
     * variables, so the terms (customer, role, duration, renewal) are never taken from variables; they are
     * written back for the steps and mails that follow.
     */
    private Relationship relationship(DelegateExecution execution) {
        Relationship relationship = relationships.findByProcessInstance(execution.getProcessInstanceId())
                .orElseThrow(() -> new IllegalStateException("no relationship for instance "
                        + execution.getProcessInstanceId()));
        execution.setVariable("relationshipId", relationship.id());
        execution.setVariable("partnerId", relationship.partnerId());
        execution.setVariable("customerId", relationship.customerId());
        execution.setVariable("adminRole", relationship.role().name());
        execution.setVariable("autoExtend", relationship.autoExtend());
        execution.setVariable("durationDays", relationship.durationDays());
        return relationship;
    }

    private static void setEnd(DelegateExecution execution, Instant end) {
        execution.setVariable("endsAt", Date.from(end));
        execution.setVariable("endsAtText", end.atZone(ZoneOffset.UTC).toLocalDate().toString());
    }

}
