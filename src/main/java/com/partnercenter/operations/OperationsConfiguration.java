package com.partnercenter.operations;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the access rule of the operational endpoints. */
@Configuration
public class OperationsConfiguration {

    @Bean
    public FilterRegistrationBean<OperationsAccessFilter> operationsAccessFilter(IdentityService identity) {
        var registration = new FilterRegistrationBean<>(new OperationsAccessFilter(identity));
        registration.setName("operations-access");
        registration.addUrlPatterns("/actuator", "/actuator/*");
        registration.setOrder(2);
        return registration;
    }
}
