package com.partnercenter.web;

import com.partnercenter.platform.Language;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The program's languages for every page's language switcher and language choices ({@code languages}: each with
 * {@code code} and {@code nativeName}), so that no template lists them (a new {@link Language} appears everywhere).
 */
@ControllerAdvice
public class LanguageChoices {

    @ModelAttribute("languages")
    public List<Language> languages() {
        return List.of(Language.values());
    }
}
