package com.partnercenter.guard;

import com.partnercenter.partner.Partner;
import com.partnercenter.partner.PartnerUser;
import com.partnercenter.platform.Language;
import java.util.Map;

/** A partner user's start of a flow, as a {@link StartCheck} sees it: who, for which partner, with which values. */
public record StartRequest(Partner partner, PartnerUser user, Language language, Map<String, Object> variables) {

    /** A value, unwrapped from the engine's typed values. */
    public Object value(String name) {
        return FormPayloads.unwrap(variables.get(name));
    }
}
