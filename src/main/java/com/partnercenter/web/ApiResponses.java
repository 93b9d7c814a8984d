package com.partnercenter.web;

import com.partnercenter.security.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** What the application's JSON API under /api answers with, and who is asking. */
public final class ApiResponses {

    private ApiResponses() {}

    /** An RFC 9457 problem with the status and a sentence for the caller. */
    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /** True when the signed-in user is an operator. */
    public static boolean isOperator(Authentication auth) {
        return auth.getGroupIds() != null && auth.getGroupIds().contains(Groups.OPERATORS);
    }
}
