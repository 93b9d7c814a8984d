package com.partnercenter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PartnerCenterApplication {
    public static void main(String[] args) {
        SpringApplication.run(PartnerCenterApplication.class, args);
    }
}
