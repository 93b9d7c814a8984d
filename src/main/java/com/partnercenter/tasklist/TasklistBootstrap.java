package com.partnercenter.tasklist;

import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At each start, after the identity bootstrap: the audience groups, every person in its group when they are new,
 * and Tasklist's filters in both languages (the filter of earlier versions removed).
 */
@Component
public class TasklistBootstrap {

    private final TasklistAudiences audiences;
    private final TasklistFilters filters;
    private final TransactionTemplate tx;

    public TasklistBootstrap(TasklistAudiences audiences, TasklistFilters filters, TransactionTemplate tx) {
        this.audiences = audiences;
        this.filters = filters;
        this.tx = tx;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    public void bootstrap() {
        tx.executeWithoutResult(status -> {
            if (audiences.ensureGroups()) {
                audiences.assignEveryone();
            }
            filters.removeLegacyFilter();
            filters.ensureAll();
        });
    }
}
