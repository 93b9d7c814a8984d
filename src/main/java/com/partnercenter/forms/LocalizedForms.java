package com.partnercenter.forms;

import com.partnercenter.catalogue.CatalogueChanged;
import com.partnercenter.catalogue.CatalogueRepository;
import com.partnercenter.catalogue.Sku;
import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.Language;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Deploys the forms of {@link FormTemplates} (every template in every language, with today's catalogue) as the
 * deployment {@value #DEPLOYMENT}: at each start, and in the transaction of every catalogue change
 * ({@link CatalogueChanged}), so that the next form opened shows the change. A deployment identical to the last one
 * is not made again (duplicate filtering by name), so restarts add no versions.
 */
@Component
public class LocalizedForms {

    public static final String DEPLOYMENT = "partner-center-forms";
    private static final Logger log = LoggerFactory.getLogger(LocalizedForms.class);

    private final FormTemplates templates;
    private final CatalogueRepository catalogue;
    private final RepositoryService repository;
    private final IdentityService identity;

    public LocalizedForms(FormTemplates templates, CatalogueRepository catalogue, RepositoryService repository,
            IdentityService identity) {
        this.templates = templates;
        this.catalogue = catalogue;
        this.repository = repository;
        this.identity = identity;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    public void atStart() {
        deploy();
    }

    @EventListener
    public void catalogueChanged(CatalogueChanged event) {
        deploy();
    }

    private String latestDeploymentId() {
        var latest = repository.createDeploymentQuery().deploymentName(DEPLOYMENT).orderByDeploymentTime().desc()
                .listPage(0, 1);
        return latest.isEmpty() ? null : latest.get(0).getId();
    }

    /** Deploys the forms if any differs from the last deployment; the id of the deployment made, or null. */
    public String deploy() {
        List<Sku> skus = catalogue.findAll();
        return AsApplication.run(identity, () -> {
            DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT).source("Partner Center")
                    .enableDuplicateFiltering(false);
            for (FormTemplates.Template template : templates.templates()) {
                for (Language language : Language.values()) {
                    builder.addString(FormTemplates.formId(template.id(), language) + ".form",
                            templates.render(template, language, skus));
                }
            }
            String latest = latestDeploymentId();
            var deployment = builder.deploy();
            if (!deployment.getId().equals(latest)) {
                log.info("Forms deployed from forms/ and the catalogue ({} SKUs): deployment {}", skus.size(),
                        deployment.getId());
            }
            return deployment.getId();
        });
    }
}
