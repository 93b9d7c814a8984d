package com.partnercenter.platform;

import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * A day as a model's expression writes it into a variable ({@code ${modelDays.isoDay(linkExpiresAt)}}, e.g. the
 * "Manage" tasks' {@code linkExpiresAtText} that their forms show): {@link ReaderFormat#isoDay}, the one writer of
 * such days, so no model formats a date by itself.
 */
@Component("modelDays")
public class ModelDays {

    /** The UTC day of {@code moment}, ISO ({@code 2026-12-31}); null stays null. */
    public String isoDay(Date moment) {
        return moment == null ? null : ReaderFormat.isoDay(moment.toInstant());
    }
}
