package com.partnercenter.support;

import com.partnercenter.link.LinkService;
import org.camunda.bpm.engine.RuntimeService;

/** The URL of an instance's invitation link, rebuilt from its {@code linkId} as the mails and partner pages do. */
public final class TestLinks {

    private TestLinks() {}

    public static String invitationUrl(LinkService links, RuntimeService runtime, String processInstanceId) {
        Object linkId = runtime.getVariable(processInstanceId, "linkId");
        if (!(linkId instanceof Number id)) {
            throw new AssertionError("instance " + processInstanceId + " has no linkId variable");
        }
        return links.urlOf(id.longValue()).orElseThrow(() -> new AssertionError("link " + id + " cannot be rebuilt"));
    }
}
