package com.partnercenter.tasklist;

import com.partnercenter.customer.CustomerRepository;
import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerRepository;
import com.partnercenter.platform.AsApplication;
import com.partnercenter.platform.Language;
import com.partnercenter.web.ReturnAfterSignIn;
import com.partnercenter.web.WebappSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Partner Center's Tasklist scripts need about the user signed in to the webapps
 * ({@code GET /tasklist-context}, read from the Tasklist session, never from the request): the language of its
 * account (Tasklist and its forms speak it), the names of the partners whose tenants its tasks belong to, its
 * pages besides Tasklist, and the accept page to go back to after signing in from one ({@link ReturnAfterSignIn}).
 * 401 when nobody is signed in.
 */
@RestController
public class TasklistContextController {

    /** The answer; {@code language} is null for users who are neither partner users nor customer admins. */
    public record Context(String language, Map<String, String> tenants, Map<String, String> processNames,
            List<Link> links, String returnTo) {}

    public record Link(String href, String label) {}

    private final WebappSession session;
    private final PartnerRepository partners;
    private final CustomerRepository customers;
    private final IdentityService identity;
    private final MessageSource messages;
    private final SignedInLanguage languages;
    private final org.camunda.bpm.engine.RepositoryService repository;

    public TasklistContextController(WebappSession session, PartnerRepository partners, CustomerRepository customers,
            IdentityService identity, MessageSource messages, SignedInLanguage languages,
            org.camunda.bpm.engine.RepositoryService repository) {
        this.repository = repository;
        this.languages = languages;
        this.session = session;
        this.partners = partners;
        this.customers = customers;
        this.identity = identity;
        this.messages = messages;
    }

    @GetMapping(path = "/tasklist-context", produces = "application/json")
    public ResponseEntity<Context> context(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> userId = session.userId(request);
        if (userId.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).cacheControl(CacheControl.noStore()).build();
        }
        String language = languages.of(userId.get()).orElse(null);
        List<Link> links = new ArrayList<>();
        Locale locale = Locale.forLanguageTag(language == null ? "en" : language);
        if (partners.findUserByUserId(userId.get()).isPresent()) {
            links.add(new Link("/partner", messages.getMessage("tasklist.link.partnerPages", null, locale)));
            links.add(new Link("/partner/invitations", messages.getMessage("tasklist.link.invitations", null, locale)));
        } else {
            if (customers.findAdminByUserId(userId.get()).isPresent()) {
                links.add(new Link("/customer/delegated-admin",
                        messages.getMessage("tasklist.link.delegatedAdmin", null, locale)));
            }
        }
        Map<String, String> tenants = new LinkedHashMap<>();
        List<Partner> all = partners.findAll();
        for (Tenant tenant : identity.createTenantQuery().userMember(userId.get()).includingGroupsOfUser(true).list()) {
            all.stream().filter(p -> p.tenantId().equals(tenant.getId())).findFirst()
                    .map(Partner::name).ifPresent(name -> tenants.put(tenant.getId(), name));
        }
        String returnTo = ReturnAfterSignIn.pending(request).orElse(null);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Context(language, tenants, processNames(locale), links, returnTo));
    }

    /**
     * The flows' names as the models give them (English) → as the reader reads them ({@code tasklist.process.<key>});
     * empty for English readers.
     */
    private Map<String, String> processNames(Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        if (Language.of(locale) == Language.DEFAULT) {
            return names;
        }
        for (var definition : AsApplication.run(identity, () -> repository.createProcessDefinitionQuery()
                .latestVersion().list())) {
            String translated = messages.getMessage("tasklist.process." + definition.getKey(), null, null, locale);
            if (definition.getName() != null && translated != null) {
                names.put(definition.getName(), translated);
            }
        }
        return names;
    }
}
