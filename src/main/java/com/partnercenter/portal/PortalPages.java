package com.partnercenter.portal;

import com.partnercenter.customermanagement.CustomerManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every partner page shares: the signed-in user in the model ({@code me}), field errors turned into
 * sentences in the page's language, and the answers for a customer the partner does not manage (404, the same
 * as for one that does not exist) and for an action the user's role does not allow (403).
 */
@ControllerAdvice(basePackageClasses = PortalPages.class)
public class PortalPages {

    private final MessageSource messages;

    public PortalPages(MessageSource messages) {
        this.messages = messages;
    }

    @ModelAttribute
    public void signedIn(HttpServletRequest request, Model model) {
        Object me = request.getAttribute(PortalSignIn.USER_ATTRIBUTE);
        if (me != null) {
            model.addAttribute("me", me);
        }
    }

    @ExceptionHandler(CustomerManagement.NotFound.class)
    public String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        signedIn(request, model);
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("messageKey", "portal.notFound");
        return "partner/problem";
    }

    @ExceptionHandler({CustomerManagement.Forbidden.class, SecurityException.class})
    public String forbidden(HttpServletRequest request, HttpServletResponse response, Model model) {
        signedIn(request, model);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("messageKey", "portal.forbidden");
        return "partner/problem";
    }

    /** The signed-in user (set by {@link PortalSignIn}). */
    public static PortalUser me(HttpServletRequest request) {
        return (PortalUser) request.getAttribute(PortalSignIn.USER_ATTRIBUTE);
    }

    /** The fields of a form record by name, for the templates (null values as empty strings). */
    public static Map<String, String> values(Record form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var component : form.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(form);
                out.put(component.getName(), value == null ? "" : value.toString());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A fresh holder for the field errors of one form. */
    public static Errors errors(String form) {
        return new MapBindingResult(new LinkedHashMap<>(), form);
    }

    /** Field → sentence in the page's language, for the template ({@code errors['field']}). */
    public Map<String, String> sentences(Errors errors) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : errors.getFieldErrors()) {
            out.putIfAbsent(e.getField(), messages.getMessage(e.getCode(), e.getArguments(), e.getCode(), locale));
        }
        return out;
    }
}
